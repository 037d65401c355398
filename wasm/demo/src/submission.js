// The envelope: built from what the member entered, cleaned of the values of
// fields that are now hidden, and with the runtime's normalized values put in
// (ISO dates, half-width digits, full-width katakana) — what is sent.

/** The envelope being edited (every value as typed). */
export function envelope(s) {
  return {
    form: s.form.id,
    version: s.form.version,
    applicant: { role: s.role },
    qualification: s.prefill.qualification,
    fields: s.values,
    attachments: s.attachments,
  };
}

/** A copy without hidden fields (`visible`: path → shown) and without empty groups. */
export function clean(env, visible) {
  const strip = (v, path) => {
    if (Array.isArray(v)) return v.map((x, i) => strip(x, `${path}/${i}`));
    if (v && typeof v === "object") {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        const p = `${path}/${k}`;
        if (visible.get(p) === false) continue;
        const y = strip(x, p);
        if (y && typeof y === "object" && !Array.isArray(y) && !Object.keys(y).length) continue;
        out[k] = y;
      }
      return out;
    }
    return v;
  };
  return { ...env, fields: strip(env.fields, "/fields"), attachments: structuredClone(env.attachments) };
}

/** A copy of `env` with each normalized value (JSON Pointer → value) put in place. */
export function withNormalized(env, normalized) {
  const out = structuredClone(env);
  for (const [pointer, value] of Object.entries(normalized ?? {})) {
    const keys = pointer.split("/").slice(1).map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
    const last = keys.pop();
    let node = out;
    for (const k of keys) node = node?.[k];
    if (node && typeof node === "object" && last !== undefined && last in node) node[last] = value;
  }
  return out;
}

/** `now` as RFC 3339 in JST, to the second (what the runtime and the server both read). */
export function isoJst(date) {
  const jst = new Date(date.getTime() + 9 * 3600 * 1000);
  return `${jst.toISOString().slice(0, 19)}+09:00`;
}
