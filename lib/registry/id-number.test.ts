import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { ID_NUMBER_ERRORS, idCheckDigit, maskIdNumber, parseIdNumber } from "./id-number";

const TODAY = "2024-04-05";

/** A well-formed number for the given first 17 digits. */
const withCheck = (first17: string) => first17 + idCheckDigit(first17);

describe("GB 11643 公民身份号码", () => {
  test.each([
    ["11010519491231002X", "1949-12-31", "female", "110105"],
    ["500243199001010017", "1990-01-01", "male", "500243"],
  ])("the standard's example and a 彭水 number are valid: %s", (raw, birthDate, sex, regionCode) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: true, idNumber: raw, birthDate, sex, regionCode });
  });

  test("the standard's example 440524188001010014 has a correct check digit; born 1880 it passes only with an earlier bound", () => {
    expect(idCheckDigit("44052418800101001")).toBe("4");
    expect(parseIdNumber("440524188001010014", TODAY)).toEqual({ ok: false, code: "ID_BIRTH_TOO_EARLY", message: "公民身份号码中的出生日期早于1900年" });
    expect(parseIdNumber("440524188001010014", TODAY, { earliestBirthDate: "1800-01-01" })).toMatchObject({ ok: true, birthDate: "1880-01-01", sex: "male" });
  });

  test("lower-case x, full-width characters and blanks are normalised", () => {
    expect(parseIdNumber(" 11010519491231002x ", TODAY)).toMatchObject({ ok: true, idNumber: "11010519491231002X" });
    expect(parseIdNumber("１１０１０５１９４９１２３１００２Ｘ", TODAY)).toMatchObject({ ok: true, idNumber: "11010519491231002X" });
  });

  test.each([
    ["retired 500228 梁平县", withCheck("50022819800101001")],
    ["retired 500232 武隆县", withCheck("50023219751231002")],
    ["retired 500234 开县", withCheck("50023420000229003")],
  ])("P-ID: a retired region code is not rejected (%s)", (_label, id) => {
    expect(parseIdNumber(id, TODAY).ok).toBe(true);
  });

  test.each([
    ["blank", "", "ID_EMPTY", "未填写公民身份号码"],
    ["15-digit old number", "500243900101001", "ID_LENGTH", "公民身份号码应为18位（当前为15位）"],
    ["letter inside", "50024319900101A011", "ID_FORMAT", "公民身份号码前17位应为数字，第18位应为数字或X"],
    ["wrong check digit", "500243199001010012", "ID_CHECK_DIGIT", "公民身份号码校验位错误"],
    ["wrong check digit (X instead of 4)", "44052418800101001X", "ID_CHECK_DIGIT", "公民身份号码校验位错误"],
    ["province 00", withCheck("00024319900101001"), "ID_REGION", "公民身份号码前两位不是有效的省级行政区划代码"],
    ["30 February", withCheck("50024319900230001"), "ID_BIRTH_INVALID", "公民身份号码中的出生日期不存在"],
    ["29 February of a non-leap year", withCheck("50024319000229001"), "ID_BIRTH_INVALID", "公民身份号码中的出生日期不存在"],
    ["month 13", withCheck("50024319901301001"), "ID_BIRTH_INVALID", "公民身份号码中的出生日期不存在"],
    ["born in 1899", withCheck("50024318991231001"), "ID_BIRTH_TOO_EARLY", "公民身份号码中的出生日期早于1900年"],
    ["born tomorrow", withCheck("50024320240406001"), "ID_BIRTH_FUTURE", "公民身份号码中的出生日期晚于今天"],
  ])("refuses %s", (_label, raw, code, message) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, code, message });
  });

  test("born today is accepted; 29 February of a leap year is a date", () => {
    expect(parseIdNumber(withCheck("50024320240405001"), TODAY).ok).toBe(true);
    expect(parseIdNumber(withCheck("50024320000229001"), TODAY)).toMatchObject({ ok: true, birthDate: "2000-02-29" });
  });

  test("messages never contain the number itself", () => {
    for (const m of Object.values(ID_NUMBER_ERRORS)) expect(m).not.toMatch(/\d{6,}/);
  });

  test("property: exactly one check character makes 17 digits valid, and the 17th digit gives the sex", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36_000 }), fc.integer({ min: 0, max: 999 }), (dayOffset, seq) => {
        const birth = new Date(Date.UTC(1925, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
        const body = `500243${birth}${String(seq).padStart(3, "0")}`;
        const valid = [..."0123456789X"].filter((c) => parseIdNumber(body + c, "2030-01-01").ok);
        expect(valid).toEqual([idCheckDigit(body)]);
        const parsed = parseIdNumber(body + idCheckDigit(body), "2030-01-01");
        expect(parsed.ok && parsed.sex).toBe(seq % 2 === 1 ? "male" : "female");
      }),
    );
  });
});

describe("maskIdNumber", () => {
  test.each([
    ["500243199001011234", "500243********1234"],
    ["11010519491231002X", "110105********002X"],
    ["123", "***"],
    ["1234567", "***4567"],
  ])("%s → %s", (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});
