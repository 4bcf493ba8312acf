/**
 * Payload keys from column headers. Mapping source paths cannot hold spaces, dots or slashes,
 * and Vietnamese headers have all three ("Số CCCD", "Họ tên người gửi"), so by default a header
 * becomes a camelCase key without diacritics, as local systems name their fields: "Họ tên người
 * gửi" → hoTenNguoiGui, "Số CCCD" → soCccd, "Ngày nhận" → ngayNhan. A blank header becomes
 * col<N>; a repeated key gets a suffix (ghiChu, ghiChu2).
 */

/** The camelCase key of one header ("" when it has no letter or digit). */
export function camelKey(header: string): string {
  const plain = header
    .normalize('NFC')
    .replace(/[đðĐÐ]/gu, (c) => (c === 'đ' || c === 'ð' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  const words = plain.split(/[^A-Za-z0-9]+/u).filter((w) => w !== '');
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}

/** Keys for every header, in order; unique. */
export function headerKeys(headers: readonly string[], style: 'camelCase' | 'verbatim'): string[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const base = (style === 'camelCase' ? camelKey(h) : h.trim()) || `col${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  });
}
