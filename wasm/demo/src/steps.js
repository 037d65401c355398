// 入力 → 確認 → 送信 → 完了 on one page: one section per step (送信 is the
// wait on the 確認 section), the step indicator with `aria-current="step"`,
// and focus on the new step's heading so a screen reader reads where it is.

const SECTIONS = { input: "step-input", confirm: "step-confirm", send: "step-confirm", done: "step-done" };
const ORDER = ["input", "confirm", "send", "done"];

/** Shows `step`; focuses its heading unless `focus` is false. */
export function go(step, { focus = true } = {}) {
  for (const [name, id] of Object.entries(SECTIONS)) {
    if (name === "send") continue;
    document.getElementById(id).hidden = SECTIONS[step] !== id;
  }
  const at = ORDER.indexOf(step);
  document.querySelectorAll("#steps li").forEach((li, i) => {
    li.classList.toggle("done", i < at);
    if (i === at) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
  });
  document.documentElement.dataset.step = step;
  if (focus) {
    const heading = document.querySelector(`#${SECTIONS[step]} h2`);
    heading?.focus();
    window.scrollTo({ top: 0, behavior: "instant" });
  }
}

/** One short sentence for screen readers (the polite live region). */
export function announce(text) {
  const live = document.getElementById("live");
  live.textContent = "";
  // A new node each time, so that the same sentence is read again.
  requestAnimationFrame(() => {
    live.textContent = text;
  });
}
