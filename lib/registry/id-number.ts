/**
 * 公民身份号码 (GB 11643-1999): parse, check and mask.
 *
 * Public surface:
 *  - `parseIdNumber(raw, today, options?)` → `{ ok: true, idNumber, birthDate, sex, regionCode }` | `{ ok: false, code, message }`
 *    (`options.earliestBirthDate`, default "1900-01-01": the standard's own example 440524188001010014
 *    is well-formed but born in 1880, so it passes only with an earlier bound)
 *  - `idCheckDigit(first17)` → the check character ("0"–"9" or "X") for 17 digits
 *  - `maskIdNumber(idNumber)` → "500243********1234" (first 6 and last 4 kept)
 *  - `ID_NUMBER_ERRORS`: the stable error codes and their Chinese messages
 *
 * Pure: `today` ("YYYY-MM-DD") is a parameter, never read from the clock. Retired region codes
 * (500228 梁平县, 500232 武隆县, 500234 开县 …) are accepted: ID numbers keep the code of the
 * county that issued them. Messages never echo the number itself (personal data, PIPL).
 */

export type Sex = "male" | "female";

export type IdNumberErrorCode =
  | "ID_EMPTY"
  | "ID_LENGTH"
  | "ID_FORMAT"
  | "ID_REGION"
  | "ID_CHECK_DIGIT"
  | "ID_BIRTH_INVALID"
  | "ID_BIRTH_TOO_EARLY"
  | "ID_BIRTH_FUTURE";

export type ParsedIdNumber =
  | { ok: true; idNumber: string; birthDate: string; sex: Sex; regionCode: string }
  | { ok: false; code: IdNumberErrorCode; message: string };

export const ID_NUMBER_ERRORS: Record<IdNumberErrorCode, string> = {
  ID_EMPTY: "未填写公民身份号码",
  ID_LENGTH: "公民身份号码应为18位",
  ID_FORMAT: "公民身份号码前17位应为数字，第18位应为数字或X",
  ID_REGION: "公民身份号码前两位不是有效的省级行政区划代码",
  ID_CHECK_DIGIT: "公民身份号码校验位错误",
  ID_BIRTH_INVALID: "公民身份号码中的出生日期不存在",
  ID_BIRTH_TOO_EARLY: "公民身份号码中的出生日期早于1900年",
  ID_BIRTH_FUTURE: "公民身份号码中的出生日期晚于今天",
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/**
 * Province-level prefixes (GB/T 2260) plus 71 台湾, 81 香港, 82 澳门, 83 (港澳台居民居住证) and 9x
 * (外国人永久居留身份证, 2023 edition). Only the first two digits are checked, so retired county
 * codes are never rejected.
 */
const PROVINCE_PREFIXES = new Set([
  "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
  "71", "81", "82", "83", "91", "92", "93", "94", "95", "96", "97", "98", "99",
]);

/** The GB 11643 check character for the first 17 digits (caller guarantees 17 ASCII digits). */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? "?";
}

/** Full-width digits and letters to half-width; drop blanks (spaces, NBSP, full-width space, tabs). */
const CLEAN_RE = /^\d{17}[\dX]$/;

function normalise(raw: string): string {
  if (CLEAN_RE.test(raw)) return raw; // the common case: nothing to fold
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000 || c === 0x200b || c === 0xfeff) continue;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0; // full-width ASCII block
    out += String.fromCharCode(c);
  }
  return out.toUpperCase();
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month m (1–12) of year y. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeap(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function fail(code: IdNumberErrorCode, message: string = ID_NUMBER_ERRORS[code]): ParsedIdNumber {
  return { ok: false, code, message };
}

/**
 * Parse and check an ID number. Order of checks: blank → length → characters → province →
 * check digit → birth date (exists, ≥ earliestBirthDate, ≤ today).
 */
export function parseIdNumber(raw: string, today: string, options: { earliestBirthDate?: string } = {}): ParsedIdNumber {
  const id = normalise(raw ?? "");
  if (id.length === 0) return fail("ID_EMPTY");
  if (id.length !== 18) return fail("ID_LENGTH", `公民身份号码应为18位（当前为${id.length}位）`);
  for (let i = 0; i < 17; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return fail("ID_FORMAT");
  }
  const last = id.charCodeAt(17);
  if (!((last >= 48 && last <= 57) || last === 88)) return fail("ID_FORMAT");
  if (!PROVINCE_PREFIXES.has(id.slice(0, 2))) return fail("ID_REGION");
  if (idCheckDigit(id) !== id[17]) return fail("ID_CHECK_DIGIT");

  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return fail("ID_BIRTH_INVALID");
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const earliest = options.earliestBirthDate ?? "1900-01-01";
  if (birthDate < earliest) {
    return fail("ID_BIRTH_TOO_EARLY", earliest === "1900-01-01" ? ID_NUMBER_ERRORS.ID_BIRTH_TOO_EARLY : `公民身份号码中的出生日期早于${earliest}`);
  }
  if (birthDate > today) return fail("ID_BIRTH_FUTURE");

  const sexDigit = id.charCodeAt(16) - 48;
  return { ok: true, idNumber: id, birthDate, sex: sexDigit % 2 === 1 ? "male" : "female", regionCode: id.slice(0, 6) };
}

/** "500243199001011234" → "500243********1234". Shorter or odd input keeps at most its last 4 characters. */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim();
  if (id.length >= 11) return `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
  if (id.length <= 4) return "*".repeat(id.length);
  return `${"*".repeat(id.length - 4)}${id.slice(-4)}`;
}
