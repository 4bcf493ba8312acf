/**
 * The outbound mapping: canonical petition → national case body. Kept as one table-like
 * function so each national field shows where it comes from; a later task replaces it by a
 * declarative outbound mapping file, so the hub can be re-pointed when TTCP publishes its
 * real contract.
 */
import type { Petition, Petitioner } from '../core/petition-schema.ts';
import type { DiaChi, NationalCase, NguoiDungDon } from './national-case-schema.ts';

/** Five or more signers make a many-signer petition (đơn đông người). */
export const MANY_SIGNER_THRESHOLD = 5;

type Address = NonNullable<Petition['content']['place']>;

/** `{ key: value }` when value is present, `{}` otherwise (exactOptionalPropertyTypes). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function toDiaChi(a: Address): DiaChi {
  return {
    chiTiet: a.text,
    ...opt('maTinh', a.provinceCode),
    ...opt('maXa', a.communeCode),
    ...opt('maTinhCu', a.legacyProvinceCode),
    ...opt('maHuyenCu', a.legacyDistrictCode),
    ...opt('maXaCu', a.legacyCommuneCode),
  };
}

function toNguoiDungDon(p: Petitioner): NguoiDungDon {
  return {
    loai: p.kind,
    hoTen: p.name,
    ...opt('giayToTuyThan', p.idDocument && { loai: p.idDocument.type, so: p.idDocument.number }),
    ...opt('namSinh', p.birthYear),
    ...opt('ngaySinh', p.birthDate),
    ...opt('gioiTinh', p.sex),
    ...opt('diaChi', p.address && toDiaChi(p.address)),
    ...opt('soDienThoai', p.phone),
    ...opt('laNguoiDaiDien', p.representative),
  };
}

function toThongTinXuLy(h: NonNullable<Petition['handling']>): NationalCase['thongTinXuLy'] {
  return {
    ...opt('duDieuKienXuLy', h.eligible),
    ...opt('lyDoKhongDuDieuKien', h.ineligibleReason),
    ...opt('thuocThamQuyen', h.withinCompetence),
    ...opt('ngayXuLy', h.decidedAt),
    ...opt('chuyenDenCoQuan', h.transferredTo),
  };
}

/**
 * A denouncer's identity is secret by law (Law on Denunciation 2018 arts. 9 and 56), so a tố
 * cáo is always flagged, whatever the source said; other kinds follow the record.
 */
function mustProtectIdentity(p: Petition): boolean {
  return p.confidentiality.protectIdentity || p.kind === 'TC';
}

/** Maps a canonical petition onto the national case body (stage 1). */
export function toNationalCase(p: Petition, ids: { hubId: string }): NationalCase {
  const { provenance, receipt, content } = p;
  const handling = p.handling === undefined ? undefined : toThongTinXuLy(p.handling);
  return {
    maHoSoNguon: ids.hubId,
    heThongGoc: provenance.source,
    maDonHeThongGoc: provenance.sourceRecordId,
    ...opt('maHoSoMotCua', provenance.oneStopCode),
    ...opt('trungVoiMaHoSoNguon', provenance.originalPetitionId),
    ngayTiepNhan: receipt.receivedAt,
    ...opt('ngayVietDon', receipt.writtenAt),
    coQuanTiepNhan: {
      maCoQuan: receipt.agency.code,
      ...opt('tenCoQuan', receipt.agency.name),
      ...opt('maDonViHanhChinh', receipt.agency.unitCode),
    },
    nguonDon: receipt.channel,
    ...opt('hinhThucTiepCongDan', receipt.receptionKind),
    loaiDon: p.kind,
    ...opt('linhVuc', content.fieldArea),
    nguoiDungDon: p.petitioners.map(toNguoiDungDon),
    soNguoiKy: p.signerCount,
    donDongNguoi: p.signerCount >= MANY_SIGNER_THRESHOLD,
    anDanh: p.anonymous ?? false,
    tomTatNoiDung: content.summary,
    ...opt('doiTuongBiKhieuNaiToCao', content.subject),
    ...opt('noiPhatSinh', content.place && toDiaChi(content.place)),
    ...opt('huongXuLy', p.handling?.outcome),
    ...(handling !== undefined && Object.keys(handling).length > 0 && { thongTinXuLy: handling }),
    baoMatDanhTinh: mustProtectIdentity(p),
    ...opt('lyDoBaoMat', p.confidentiality.reason),
  };
}
