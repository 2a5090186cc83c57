/** A workbook download that is never cached (it may hold personal data). */
export function xlsxResponse(file: { fileName: string; bytes: Uint8Array }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "cache-control": "no-store",
    },
  });
}
