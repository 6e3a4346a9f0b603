/** The GSM 03.38 default alphabet and its extension table: texts made of these go as 7-bit parts. */
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€',
);

/** Whether `text` needs UCS-2 (16-bit) parts: any character outside the GSM 7-bit alphabet. */
export function needsUnicode(text: string): boolean {
  for (const ch of text) if (!GSM7.has(ch)) return true;
  return false;
}
