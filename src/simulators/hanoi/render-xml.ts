/**
 * Renders records as the Hà Nội service writes them: one <Don> element per record, children
 * in a fixed order, an empty <DanhSachNguoiGui/> for an anonymous letter, a missing CCCD as an
 * empty element, xsi:nil or nothing, the address's old codes as attributes of <DiaChi>, and the
 * petition text sometimes in a CDATA section (the 2017 .NET version did that for long texts).
 */
import type { HanoiRecord, HanoiSender } from './record.ts';

/** Escapes text for XML content and attributes. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function el(name: string, value: string | number | null): string {
  return value === null ? '' : `<${name}>${esc(String(value))}</${name}>`;
}

function cccd(s: HanoiSender): string {
  if (s.soCCCD !== null) return el('SoCCCD', s.soCCCD);
  switch (s.missingCccd) {
    case 'empty':
      return '<SoCCCD/>';
    case 'nil':
      return '<SoCCCD xsi:nil="true"/>';
    case 'absent':
      return '';
    default: {
      const never: never = s.missingCccd;
      return String(never);
    }
  }
}

function renderSender(s: HanoiSender): string {
  const address =
    s.diaChi === null
      ? ''
      : `<DiaChi MaTinh="${s.diaChi.maTinh}" MaHuyen="${s.diaChi.maHuyen}" MaXa="${s.diaChi.maXa}">${esc(s.diaChi.text)}</DiaChi>`;
  return (
    `<NguoiGui>${el('HoTen', s.hoTen)}${cccd(s)}${el('NamSinh', s.namSinh)}` +
    `${el('GioiTinh', s.gioiTinh)}${address}${el('DienThoai', s.dienThoai)}</NguoiGui>`
  );
}

function content(text: string): string {
  // CDATA for texts long enough to be typed in the big text box (and never holding "]]>").
  return text.length > 180 && !text.includes(']]>')
    ? `<NoiDungDon><![CDATA[${text}]]></NoiDungDon>`
    : el('NoiDungDon', text);
}

/** One <Don> element. */
export function renderRecord(r: HanoiRecord): string {
  const senders =
    r.nguoiGui.length === 0
      ? '<DanhSachNguoiGui/>'
      : `<DanhSachNguoiGui>${r.nguoiGui.map(renderSender).join('')}</DanhSachNguoiGui>`;
  const result =
    r.ketQuaXuLy === null
      ? '<KetQuaXuLy/>'
      : `<KetQuaXuLy>${el('HuongXuLy', r.ketQuaXuLy.huongXuLy)}${el('NgayXuLy', r.ketQuaXuLy.ngayXuLy)}</KetQuaXuLy>`;
  return (
    `<Don>${el('SoDon', r.soDon)}${el('NgayNhanDon', r.ngayNhanDon)}${el('NgayVietDon', r.ngayVietDon)}` +
    `<LoaiDon ma="${esc(r.loaiDon.ma)}">${esc(r.loaiDon.ten)}</LoaiDon>` +
    `${el('NguonDon', r.nguonDon)}${el('LinhVuc', r.linhVuc)}` +
    `<CoQuanTiepNhan>${el('MaCoQuan', r.coQuanTiepNhan.ma)}${el('TenCoQuan', r.coQuanTiepNhan.ten)}</CoQuanTiepNhan>` +
    `${senders}${el('SoNguoiKy', r.soNguoiKy)}${el('AnDanh', r.anDanh ? 'true' : 'false')}` +
    `${content(r.noiDungDon)}${el('DoiTuongBiKhieuNai', r.doiTuongBiKhieuNai)}${result}` +
    `${el('NgayCapNhat', r.ngayCapNhat)}</Don>`
  );
}

/** The <KetQua> block of an answer: page facts and the records. */
export function renderResult(
  records: readonly HanoiRecord[],
  page: number,
  totalPages: number,
  total: number,
): string {
  return (
    `<KetQua><TongSoBanGhi>${total}</TongSoBanGhi><TongSoTrang>${totalPages}</TongSoTrang>` +
    `<Trang>${page}</Trang>${records.map(renderRecord).join('')}</KetQua>`
  );
}
