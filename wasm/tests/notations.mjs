// Other ways of typing a value: every notation the runtime reads for a field
// type (和暦 in its forms, full-width digits and letters, hiragana and
// half-width kana, ASCII spaces in kana, "300,000", 〒 and dashes, spaces
// around typed text, absent values as null / "" / []), and ways of getting it
// wrong (other JSON types, out of range, not a date, unknown keys). Used by
// schema.test.mjs to check the input schema against the runtime.

/** A JSON number written as given (e.g. `300000.0`): see `toJson`. */
export const raw = (text) => `\u0000RAW:${text}\u0000`;

/** JSON text of `value`, with `raw(...)` strings written as bare numbers. */
export function toJson(value) {
  return JSON.stringify(value).replace(/"\\u0000RAW:([^"\\]*)\\u0000"/g, "$1");
}

const fullWidth = (s) =>
  [...s].map((c) => (c >= "!" && c <= "~" ? String.fromCodePoint(c.codePointAt(0) + 0xfee0) : c)).join("");

/** Full-width katakana → hiragana (ヴ → ゔ; ー・ stay). */
const hiragana = (s) =>
  [...s].map((c) => {
    const p = c.codePointAt(0);
    return p >= 0x30a1 && p <= 0x30f6 ? String.fromCodePoint(p - 0x60) : c;
  }).join("");

const HALF = "ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ";
const FULL = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

/** Full-width katakana → half-width, sound marks split off (ガ → ｶﾞ). */
const halfWidth = (s) =>
  [...s.normalize("NFD")].map((c) => {
    if (c === "\u3099") return "ﾞ";
    if (c === "\u309a") return "ﾟ";
    if (c === "\u3000") return " ";
    if (c === "・") return "･";
    const i = FULL.indexOf(c);
    return i >= 0 ? HALF[i] : c;
  }).join("");

const ERAS = [
  ["令和", "R", "㋿", "2019-05-01"],
  ["平成", "H", "㍻", "1989-01-08"],
  ["昭和", "S", "㍼", "1926-12-25"],
  ["大正", "T", "㍽", "1912-07-30"],
  ["明治", "M", "㍾", "1868-01-25"],
];

/** [era name, letter, symbol, era year] of an ISO date, or null before 明治. */
function eraOf(iso) {
  for (const [name, letter, symbol, first] of ERAS) {
    if (iso >= first) return [name, letter, symbol, Number(iso.slice(0, 4)) - Number(first.slice(0, 4)) + 1];
  }
  return null;
}

/** Ways of typing the date `iso` (YYYY-MM-DD). */
export function dateNotations(iso) {
  const [y, m, d] = iso.split("-");
  const mm = String(Number(m));
  const dd = String(Number(d));
  const out = [`${y}/${m}/${d}`, `${y}.${mm}.${dd}`, `${y}年${mm}月${dd}日`, `${y}-${mm}-${dd}`, fullWidth(iso), ` ${iso}\u3000`];
  const era = eraOf(iso);
  if (era) {
    const [name, letter, symbol, n] = era;
    const year = n === 1 ? "元" : String(n);
    out.push(
      `${name}${year}年${mm}月${dd}日`,
      `${name} ${n}年 ${mm}月 ${dd}日`,
      fullWidth(`${name}${n}年${mm}月${dd}日`),
      `${letter}${n}.${mm}.${dd}`,
      `${letter.toLowerCase()}${n}/${m}/${d}`,
      fullWidth(`${letter}${n}.${mm}.${dd}`),
      `${symbol}${n}-${mm}-${dd}`,
      `${name}${n}．${mm}．${dd}`,
    );
  }
  return out;
}

/** Ways of typing the month `ym` (YYYY-MM). */
export function monthNotations(ym) {
  const [y, m] = ym.split("-");
  const mm = String(Number(m));
  const out = [`${y}/${m}`, `${y}.${mm}`, `${y}年${mm}月`, fullWidth(ym), ` ${ym} `];
  const era = eraOf(`${ym}-28`);
  if (era) {
    const [name, letter, , n] = era;
    out.push(`${name}${n === 1 ? "元" : n}年${mm}月`, `${letter}${n}.${mm}`, fullWidth(`${name}${n}年${mm}月`));
  }
  return out;
}

const withCommas = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Ways of typing a value of the field described by `f` (describeForm). */
export function notations(f, value) {
  const s = typeof value === "string" ? value : null;
  switch (f.type) {
    case "date":
      return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? dateNotations(s) : [];
    case "month":
      return s && /^\d{4}-\d{2}$/.test(s) ? monthNotations(s) : [];
    case "period":
      if (value && typeof value === "object" && typeof value.from === "string" && typeof value.to === "string") {
        const from = dateNotations(value.from);
        const to = dateNotations(value.to);
        return from.map((x, i) => ({ from: x, to: to[i % to.length] }));
      }
      return [];
    case "integer":
    case "yen":
      if (typeof value === "number") {
        return [String(value), withCommas(value), fullWidth(withCommas(value)), ` ${value} `, raw(`${value}.0`), raw(`${value}e0`)];
      }
      return [];
    case "kana":
      return s ? [hiragana(s), halfWidth(s), s.replaceAll("\u3000", " "), s.replaceAll("\u3000", "  \u3000 "), ` ${s} `] : [];
    case "text": {
      if (!s) return [];
      const chars = f.constraints?.chars;
      if (chars === "katakana") return [hiragana(s), halfWidth(s), s.replaceAll("\u3000", " ")];
      if (chars === "zengin") return [halfWidth(s), hiragana(s), s.replaceAll("\u3000", " "), fullWidth(s)];
      if (chars === "ascii") return [fullWidth(s), ` ${s} `];
      return [` ${s}`, `${s}\u3000`, `\t${s}\n`];
    }
    case "address":
      return s ? [` ${s} `, `\u3000${s}`] : [];
    case "digits":
      return s ? [fullWidth(s), ` ${s} `] : [];
    case "postal_code":
      return s && /^\d{7}$/.test(s)
        ? [`${s.slice(0, 3)}-${s.slice(3)}`, `〒${s.slice(0, 3)}-${s.slice(3)}`, fullWidth(`${s.slice(0, 3)}-${s.slice(3)}`), `〒 ${s}`, `${s.slice(0, 3)}ー${s.slice(3)}`]
        : [];
    case "phone":
      return s && /^0\d{9,10}$/.test(s)
        ? [`${s.slice(0, 2)}-${s.slice(2, 6)}-${s.slice(6)}`, `(${s.slice(0, 3)})${s.slice(3)}`, fullWidth(`${s.slice(0, 3)}-${s.slice(3)}`), ` ${s} `, `${s.slice(0, 3)} ${s.slice(3)}`]
        : [];
    case "email":
      return s ? [fullWidth(s), ` ${s} `] : [];
    case "choice":
      return s ? [` ${s}`, `${s}\u3000`, ` ${s} `] : [];
    case "multi":
      return Array.isArray(value) ? [value.map((k) => ` ${k} `)] : [];
    default:
      return [];
  }
}

/** Ways of saying "no value": for optional fields (the runtime reads them as absent). */
export function absentNotations(f) {
  if (f.type === "list") return [null, []];
  if (f.type === "group" || f.type === "bool" || f.type === "multi" || f.type === "period") return [null];
  return [null, "", "   ", "\u3000"];
}

/** Values the runtime refuses for a field of this type (most of them). */
export function wrongValues(f, value) {
  const out = [{}, [1], true, 12, "x", "１２３", "0".repeat(30), "あ".repeat(500), -1, 1.5, raw("1e400")];
  switch (f.type) {
    case "date":
      out.push("2026-02-30", "令和0年1月1日", "平成31年5月1日", "2026-13-01", "R8.1", "2026/1-5", "R1234.1.1");
      break;
    case "month":
      out.push("2026-13", "2026", "令和8年13月");
      break;
    case "integer":
    case "yen":
      out.push("1,2345", "12,34", "--1", "1.5", 10_000_000_000_001, "１，０００，０００，０００，０００，０００");
      if (typeof value === "number") out.push(-value - 1, String(-value - 1));
      break;
    case "kana":
    case "text":
      out.push("漢字", "ｶﾅ。", "ﾞ", "a".repeat((f.constraints?.max_len ?? 0) + 1));
      break;
    case "digits":
      out.push("12a4", "1".repeat((f.constraints?.digits?.max ?? 0) + 1));
      break;
    case "postal_code":
      out.push("1000-001", "100-00001", "〒〒1000001");
      break;
    case "phone":
      out.push("1312345678", "03-1234-567", "03-1234-5678-9");
      break;
    case "email":
      out.push("a@b", "a@@b.jp", "a b@example.jp", "@example.jp");
      break;
    case "choice":
      out.push("no_such_option", (f.options?.[0]?.key ?? "x").toUpperCase());
      break;
    case "multi":
      out.push(["no_such_option"], [f.options?.[0]?.key, f.options?.[0]?.key]);
      break;
    case "period":
      out.push({ from: "2026-01-05" }, { from: "2026-01-05", to: "2026-01-06", x: 1 }, { from: "x", to: "y" });
      break;
    case "list":
      out.push([1, 2], Array.from({ length: (f.constraints?.items?.max ?? 0) + 1 }, () => ({})));
      break;
    case "group":
      out.push({ no_such_member: 1 });
      break;
    default:
  }
  return out;
}
