import { describe, expect, test } from "vitest";
import { XlsxFormatError, columnLetter, excelSerialToIso, openWorkbook, unescapeXml } from "./xlsx-sheet";
import { storedZip } from "./testing/stored-zip";


async function allRows(bytes: Uint8Array) {
  const wb = openWorkbook(bytes);
  const out = [];
  for await (const r of wb.rows(wb.sheets[0]!)) out.push({ rowNumber: r.rowNumber, cells: Array.from(r.cells, (c) => (c ? `${c.kind}:${c.text}${c.formula ? "=f" : ""}${c.dateStyle ? "@d" : ""}` : null)) });
  return { wb, out };
}

describe("xlsx-sheet: a workbook written by another tool", () => {
  const files = {
    "xl/workbook.xml": '<x:workbook xmlns:x="m" xmlns:r="r"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="名单&amp;1" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId7" Target="/xl/worksheets/data.xml" Type="ws"/></Relationships>',
    "xl/sharedStrings.xml":
      '<sst><si><t>姓名</t></si><si><r><t>冉</t></r><r><rPr/><t xml:space="preserve">光明</t></r><rPh><t>ran</t></rPh></si><si/></sst>',
    "xl/styles.xml": '<styleSheet><numFmts><numFmt numFmtId="170" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="14"/><xf numFmtId="49"/></cellXfs></styleSheet>',
    "xl/worksheets/data.xml":
      '<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>A&amp;B_x000D_</x:t></x:is></x:c></x:row>' +
      '<x:row r="2"/><x:row><x:c t="s"><x:v>1</x:v></x:c><x:c s="1"><x:v>1</x:v></x:c><x:c t="str"><x:f>A3</x:f><x:v>x</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row></x:sheetData></x:worksheet>',
  };

  test("namespace prefixes, relationships with absolute targets, rich text, inline strings, rows and cells without r", async () => {
    const { wb, out } = await allRows(storedZip(files));
    expect(wb.sheets).toEqual([{ name: "名单&1", path: "xl/worksheets/data.xml" }]);
    expect(wb.date1904).toBe(true);
    expect(out).toEqual([
      { rowNumber: 1, cells: ["s:姓名", null, "s:A&B\r"] },
      { rowNumber: 3, cells: ["s:冉光明", "n:1@d", "s:x=f", "b:TRUE", "e:#N/A"] },
    ]);
  });

  test("not a workbook", () => {
    expect(() => openWorkbook(storedZip({ "word/document.xml": "<w/>" }))).toThrow(XlsxFormatError);
    expect(() => openWorkbook(new TextEncoder().encode("PK\u0003\u0004 not really"))).toThrow(XlsxFormatError);
  });

  test("helpers", () => {
    expect(unescapeXml("&lt;&#20873;&#x5149;&gt;_x0041_")).toBe("<冉光>A");
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
    expect(excelSerialToIso(45352)).toBe("2024-03-01");
    expect(excelSerialToIso(45352.75)).toBe("2024-03-01");
    expect(excelSerialToIso(43890, true)).toBe("2024-03-01");
  });
});
