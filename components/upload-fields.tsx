import { inputClass } from "@/components/ui";

/** The CSV encoding choice every upload form offers (the server detects it when left on 自动识别). */
export function EncodingSelect() {
  return (
    <label className="flex flex-col gap-1">
      <span className="font-medium">文件编码（CSV）</span>
      <select name="encoding" defaultValue="auto" className={inputClass}>
        <option value="auto">自动识别</option>
        <option value="utf-8">UTF-8</option>
        <option value="gbk">GBK / GB18030</option>
      </select>
    </label>
  );
}

/**
 * Sends a file as the raw request body (uploads bypass the server-action body limit; the file
 * name travels in a header, never in the URL) and returns the JSON answer. A route's refusal
 * (`{ error: { message } }`) and a network failure both come back as `{ kind: "refused" }`.
 */
export async function postFile<T>(url: string, file: File, headers: Record<string, string> = {}): Promise<T | { kind: "refused"; code: string; message: string }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      body: file,
      headers: { "x-file-name": encodeURIComponent(file.name), "content-type": "application/octet-stream", ...headers },
    });
    const body = (await response.json()) as T | { error: { code: string; message: string } };
    return typeof body === "object" && body !== null && "error" in body ? { kind: "refused", code: body.error.code, message: body.error.message } : body;
  } catch {
    return { kind: "refused", code: "NETWORK", message: "上传失败，请检查网络后重试" };
  }
}
