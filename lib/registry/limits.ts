/** Largest department file accepted (a 100,000-row list is about 10 MB as CSV). Client-safe: the form checks it before sending. */
export const MAX_LIST_BYTES = 30 * 1024 * 1024;

export const FILE_TOO_LARGE_MESSAGE = `文件超过 ${MAX_LIST_BYTES / 1024 / 1024}MB 上限，请分批报送`;
