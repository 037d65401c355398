// 送信: the normalized submission to the service, and its verdict. The
// service files nothing (it validates), so the page asks for a dry run at the
// instant the page validated: the server's verdict is then comparable, byte
// for byte, with the WASM verdict on the same text.

/**
 * The API's origin: the page's own, unless `<meta name="shinsei-api"
 * content="https://api.example">` in the page (a deployment may add it) or
 * `VITE_SHINSEI_API` at build time names another; that service then needs
 * `--cors-origin <the page's origin>`.
 */
const API = (document.querySelector('meta[name="shinsei-api"]')?.content || import.meta.env?.VITE_SHINSEI_API || "").replace(/\/$/, "");

/**
 * POSTs `text` (the envelope as JSON) for form `id`. Resolves to
 * `{ ok, status, text, body }`: `body` is the parsed answer (a
 * ValidationResult when `status` is 200, `{ error }` otherwise); rejects
 * only when the service could not be reached.
 */
export async function send(id, text, now) {
  const url = `${API}/v1/forms/${encodeURIComponent(id)}/validate?dry_run=true&now=${encodeURIComponent(now)}`;
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: text,
  });
  const answer = await res.text();
  let body = null;
  try {
    body = JSON.parse(answer);
  } catch {
    // Not JSON (a proxy's error page): reported as such below.
  }
  return { ok: res.status === 200 && body !== null, status: res.status, text: answer, body };
}
