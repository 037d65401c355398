// A deterministic corpus of mutated submissions for the differential test:
// the same seed gives the same corpus, byte for byte.
//
// Each sample starts from a form's case (forms/*/cases/*.json) and gets one
// to three mutations: wrong types, missing members, boundary dates (和暦
// too), full-width input, extra members, deep nesting, huge strings, odd
// numbers, list sizes, envelope and attachment changes, a different `now`,
// and (rarely) broken JSON text.

/** mulberry32: a small deterministic PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (xs) => xs[int(xs.length)];
  return { next, int, pick };
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every [parent, key] in a tree (objects and arrays), depth first. */
function slots(root) {
  const out = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), walk(x)));
    else if (isObj(v)) for (const k of Object.keys(v)) out.push([v, k]), walk(v[k]);
  };
  walk(root);
  return out;
}

const objects = (root) => {
  const out = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(root);
  return out;
};

const stringSlots = (root) => slots(root).filter(([p, k]) => typeof p[k] === "string");
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function shiftDate(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function shiftMonths(iso, months) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const BOUNDARY_DATES = [
  "2024-02-29", "2025-02-29", "2026-02-28", "2026-02-29", "2026-12-31", "2027-01-01",
  "2026-13-01", "2026-00-10", "2026-04-31", "0001-01-01", "9999-12-31", "1868-01-25",
  "1868-01-24", "1912-07-29", "1912-07-30", "1926-12-24", "1926-12-25", "1989-01-07",
  "1989-01-08", "2019-04-30", "2019-05-01", "令和8年1月13日", "令和８年１月１３日", "R8.1.13",
  "平成31年4月30日", "令和元年5月1日", "昭和64年1月7日", "平成元年1月8日", "明治1年1月1日",
  "2026/01/13", "20260113", "2026-1-13", " 2026-01-13 ", "2026-01-13T00:00:00", "",
];

const SUBMITTED_AT = [
  "2026-03-02T10:00:00+09:00", "2026-03-01T10:00:00+09:00", "2026-01-01T10:00:00+09:00",
  "2026-12-29T10:00:00+09:00", "2026-03-02T07:59:59+09:00", "2026-03-02T21:00:00+09:00",
  "2026-03-02T01:00:00Z", "2026-01-12T23:00:00Z", "2026-01-13T00:00:00+09:00",
  "2026-03-20T10:00:00+09:00", "2028-03-02T10:00:00+09:00", "yesterday", "2026-03-02",
];

const NOWS = [
  "2026-03-02T10:00:00+09:00", "2026-03-03T08:00:00+09:00", "2026-03-07T12:00:00+09:00",
  "2026-05-04T10:00:00+09:00", "2026-12-31T10:00:00+09:00", "2027-01-04T08:30:00+09:00",
  "2026-03-02T20:59:59+09:00", "2026-03-02T21:00:00+09:00", "2028-03-01T10:00:00+09:00",
  "2030-06-03T10:00:00+09:00", "2026-01-13T09:30:00+09:00", "2025-12-01T10:00:00+09:00",
];

const OTHER_VALUES = [0, -1, 1, 1.5, 1e21, true, false, null, "", "abc", "0", [], {}, [1, 2], { x: 1 }, "はい"];
const EXTRA_KEYS = ["extra", "x", "__proto__", "constructor", "フィールド", "a/b~c", "", "fields"];
const RAW_NUMBERS = ["1e400", "-0", "0.1", "9007199254740993", "123456789012345678901234567890", "1E2", "-1e-7", "00012"];

function toFullWidth(s) {
  return [...s]
    .map((c) => {
      const code = c.codePointAt(0);
      if (code === 0x20) return "\u3000";
      if (code > 0x20 && code < 0x7f) return String.fromCodePoint(code + 0xfee0);
      if (code >= 0x30a1 && code <= 0x30f6) return String.fromCodePoint(code - 0x60); // katakana → hiragana
      return c;
    })
    .join("");
}

function nest(depth, leaf, r) {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = r.next() < 0.5 ? [v] : { a: v };
  return v;
}

/** The mutations; each takes (state, r) and may change state.s, state.now, state.raw. */
const MUTATIONS = {
  wrongType(st, r) {
    const all = slots(st.s);
    if (!all.length) return;
    const [p, k] = r.pick(all);
    p[k] = structuredClone(r.pick(OTHER_VALUES));
  },
  missing(st, r) {
    const all = slots(st.s);
    if (!all.length) return;
    const [p, k] = r.pick(all);
    if (Array.isArray(p)) p.splice(k, 1);
    else delete p[k];
  },
  boundaryDate(st, r) {
    const dates = stringSlots(st.s).filter(([p, k]) => DATE.test(p[k]));
    if (!dates.length) return;
    const [p, k] = r.pick(dates);
    const v = p[k];
    p[k] = r.pick([
      () => shiftDate(v, r.pick([-1, 1, -365, 365, 730, -730])),
      () => shiftMonths(v, r.pick([-18, -12, -1, 1, 12, 18])),
      () => `${v.slice(0, 8)}01`,
      () => shiftDate(`${shiftMonths(`${v.slice(0, 8)}01`, 1)}`, -1),
      () => r.pick(BOUNDARY_DATES),
      () => r.pick(BOUNDARY_DATES),
    ])();
  },
  fullWidth(st, r) {
    const strs = stringSlots(st.s);
    if (!strs.length) return;
    const [p, k] = r.pick(strs);
    const v = toFullWidth(p[k]);
    p[k] = r.next() < 0.3 ? `\u3000${v} ` : v;
  },
  numberAsText(st, r) {
    const nums = slots(st.s).filter(([p, k]) => typeof p[k] === "number");
    if (!nums.length) return;
    const [p, k] = r.pick(nums);
    p[k] = r.pick([toFullWidth(String(p[k])), String(p[k]), `${p[k].toLocaleString("en-US")}`, `¥${p[k]}`]);
  },
  extraField(st, r) {
    const objs = objects(st.s);
    const o = r.pick(objs);
    Object.defineProperty(o, r.pick(EXTRA_KEYS), {
      value: structuredClone(r.pick(OTHER_VALUES)),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  },
  deepNesting(st, r) {
    const all = slots(st.s);
    if (!all.length) return;
    const [p, k] = r.pick(all);
    p[k] = nest(r.pick([10, 62, 63, 64, 65, 100, 300]), r.pick([1, "x", null]), r);
  },
  hugeString(st, r) {
    const all = slots(st.s);
    if (!all.length) return;
    const [p, k] = r.pick(all);
    const n = r.pick([256, 1000, 10000, 100000]);
    p[k] = r.pick(["あ", "1", "１", "ア", "a", "🙂"]).repeat(n);
  },
  rawNumber(st, r) {
    const all = slots(st.s);
    if (!all.length) return;
    const [p, k] = r.pick(all);
    const token = `__raw_number_${st.raws.length}__`;
    st.raws.push([JSON.stringify(token), r.pick(RAW_NUMBERS)]);
    p[k] = token;
  },
  listSize(st, r) {
    const lists = slots(st.s).filter(([p, k]) => Array.isArray(p[k]) && p[k].length && isObj(p[k][0]));
    if (!lists.length) return;
    const [p, k] = r.pick(lists);
    const list = p[k];
    if (r.next() < 0.3) p[k] = [];
    else {
      const n = r.pick([1, 2, 11, 12, 13, 25]);
      while (list.length < n) list.push(structuredClone(r.pick(list)));
    }
  },
  envelope(st, r) {
    const s = st.s;
    if (!isObj(s)) return;
    r.pick([
      () => (s.form = r.pick(["nope", "", "SHOBYO_TEATE", "shobyo_teate", "isohi", 3])),
      () => (s.version = r.pick(["1999.1", "2026.1", null, 5, "2026.2"])),
      () => delete s.version,
      () => (s.applicant = r.pick([{ role: "dependent" }, { role: "agent" }, { role: "boss" }, {}, "insured", null])),
      () => (s.submitted_at = r.pick(SUBMITTED_AT)),
      () => delete s.submitted_at,
      () => delete s.qualification,
      () => (s.fields = r.pick([null, [], "x", {}])),
      () => (s.attachments = r.pick([null, {}, [], "x"])),
    ])();
  },
  qualification(st, r) {
    const q = st.s?.qualification;
    if (!isObj(q)) return;
    r.pick([
      () => (q.insurer_number = r.pick(["01130013", "06132682", "0113001", "０１１３００１２", "01130012 "])),
      () => (q.branch = r.pick(["大阪", "東京都", "", "とうきょう"])),
      () => (q.symbol = r.pick(["123456789", "0", "１２３", "12a"])),
      () => (q.branch_no = r.pick(["0", "000", "０１"])),
      () => (q.name_kana = r.pick(["きょうかい たろう", "ｷｮｳｶｲ ﾀﾛｳ", "Kyokai", "キョウカイ　タロウ"])),
      () => (q.sex = r.pick(["male", "female", "other", "男"])),
      () => (q.birth_date = r.pick(["1989-05-10", "平成元年5月10日", "2030-01-01", "1900-02-29"])),
    ])();
  },
  attachments(st, r) {
    const list = st.s?.attachments;
    if (!Array.isArray(list)) return;
    if (!list.length || r.next() < 0.2) {
      list.push({ slot: "nope", file_name: "x.pdf", media_type: "application/pdf", size: 1000 });
      return;
    }
    const a = r.pick(list);
    if (!isObj(a)) return;
    r.pick([
      () => (a.media_type = r.pick(["image/jpeg", "image/png", "image/gif", "application/PDF", "image/jpg", ""])),
      () => (a.size = r.pick([0, 1, 102399, 102400, 15728640, 15728641, 20971521, -1, 1.5])),
      () => Object.assign(a, { width: r.pick([511, 512, 8192, 8193]), height: r.pick([512, 9000]) }),
      () => (a.slot = r.pick(["nope", ""])),
      () => list.push(...Array.from({ length: r.pick([1, 5, 25]) }, () => structuredClone(a))),
      () => (a.file_name = r.pick(["", "a".repeat(300), "診断書.pdf"])),
    ])();
  },
  now(st, r) {
    st.now = r.pick(NOWS);
  },
  lang(st) {
    st.lang = "en";
  },
  brokenText(st, r) {
    st.textOp = r.pick(["truncate", "duplicate", "trailingComma", "bom", "comment", "badEscape", "control", "empty"]);
  },
};

const WEIGHTS = [
  ["wrongType", 14], ["missing", 12], ["boundaryDate", 12], ["fullWidth", 10], ["numberAsText", 5],
  ["extraField", 8], ["deepNesting", 3], ["hugeString", 2], ["rawNumber", 3], ["listSize", 5],
  ["envelope", 6], ["qualification", 5], ["attachments", 6], ["now", 5], ["lang", 2], ["brokenText", 2],
];
const TOTAL = WEIGHTS.reduce((n, [, w]) => n + w, 0);

function chooseMutation(r) {
  let x = r.int(TOTAL);
  for (const [name, w] of WEIGHTS) {
    if (x < w) return name;
    x -= w;
  }
  return WEIGHTS[0][0];
}

function applyTextOp(text, op, r) {
  switch (op) {
    case "truncate":
      return text.slice(0, r.int(text.length));
    case "duplicate":
      return text.replace(/^\{/, '{"form":"shobyo_teate",');
    case "trailingComma":
      return text.replace(/\}$/, ",}");
    case "bom":
      return `\ufeff${text}`;
    case "comment":
      return `// 申請\n${text}`;
    case "badEscape":
      return text.replace(/"([^"\\]{3})/, '"\\x$1');
    case "control":
      return text.replace(/"([^"\\]{2})/, '"\u0001$1');
    default:
      return "";
  }
}

/**
 * `count` mutated samples from `cases` ([{now, lang, submission}]), plus
 * one oversized submission (> 1 MiB). Returns [{now, lang, submission: text, ops}].
 */
export function generateCorpus(cases, count, seed = 20260113) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const base = cases[i % cases.length];
    const st = { s: structuredClone(base.submission), now: base.now, lang: base.lang, raws: [], textOp: null };
    const n = 1 + r.int(3);
    const ops = [];
    for (let j = 0; j < n; j++) {
      const name = chooseMutation(r);
      ops.push(name);
      MUTATIONS[name](st, r);
    }
    let text = JSON.stringify(st.s);
    for (const [token, raw] of st.raws) text = text.replace(token, raw);
    if (st.textOp) text = applyTextOp(text, st.textOp, r);
    out.push({ now: st.now, lang: st.lang, submission: text, ops });
  }
  const big = structuredClone(cases[0].submission);
  big.fields = { ...big.fields, note: "あ".repeat(400_000) };
  out.push({ now: cases[0].now, lang: null, submission: JSON.stringify(big), ops: ["tooLarge"] });
  return out;
}
