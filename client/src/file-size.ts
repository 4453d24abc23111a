import { locale, t } from "./i18n.ts";

const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

function number(value: number, fractionDigits: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: fractionDigits }).format(value);
}

/** A file's size as people read it: "9 kB", "2.4 MB". Any size above nothing is at least 1 kB. */
export function formatFileSize(bytes: number): string {
  if (bytes < MB) {
    const kilobytes = bytes === 0 ? 0 : Math.max(1, Math.round(bytes / KB));
    return t("fileSize.kilobytes", { size: number(kilobytes, 0) });
  }
  if (bytes < GB) return t("fileSize.megabytes", { size: number(bytes / MB, 1) });
  return t("fileSize.gigabytes", { size: number(bytes / GB, 1) });
}
