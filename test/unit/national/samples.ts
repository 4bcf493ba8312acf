// Synthetic samples shared by the national client and simulator tests (no real person).
import type { Petition } from '../../../src/core/petition-schema.ts';
import type { NationalCase } from '../../../src/national/national-case-schema.ts';

/** A complaint with every optional part filled in. */
export const samplePetition: Petition = {
  schemaVersion: '1.0',
  provenance: {
    source: 'quynhon-web',
    sourceRecordId: 'QN-2026-0042',
    oneStopCode: 'MC-000123',
    originalPetitionId: '0b6f2c1e-4d0a-4f5e-9a51-6a3b8f1c2d3e',
  },
  receipt: {
    receivedAt: '2026-10-15',
    writtenAt: '2026-10-12',
    agency: { code: 'UBND-TPQN', name: 'UBND thành phố Quy Nhơn', unitCode: '21583' },
    channel: 'POST',
    receptionKind: 'REGULAR',
  },
  petitioners: [
    {
      kind: 'PERSON',
      name: 'Trần Văn Bình',
      idDocument: { type: 'CCCD', number: '052080001234' },
      birthYear: 1980,
      birthDate: '1980-03-04',
      sex: 'M',
      address: { text: '12 Lê Lợi', provinceCode: '52', communeCode: '21583' },
      phone: '0905000111',
      representative: true,
    },
    { kind: 'PERSON', name: 'Lê Thị Hoa' },
  ],
  signerCount: 6,
  kind: 'KN',
  content: {
    summary: 'Khiếu nại quyết định thu hồi đất',
    subject: 'UBND phường Quy Nhơn',
    fieldArea: 'ADMIN_LAND_HOUSING',
    place: { text: 'Tổ 3, khu vực 5', legacyProvinceCode: '52', legacyDistrictCode: '540' },
  },
  handling: { eligible: true, withinCompetence: true, outcome: 'ACCEPT', decidedAt: '2026-10-20' },
  confidentiality: { protectIdentity: false },
};

/** A valid national case body with only the required fields. */
export const minimalCase: NationalCase = {
  maHoSoNguon: '5a7d9e0c-1111-4c2b-9d3e-000000000001',
  heThongGoc: 'quynhon-web',
  maDonHeThongGoc: 'QN-1',
  ngayTiepNhan: '2026-10-15',
  coQuanTiepNhan: { maCoQuan: 'UBND-TPQN' },
  nguonDon: 'DIRECT',
  loaiDon: 'KN',
  nguoiDungDon: [{ loai: 'PERSON', hoTen: 'Trần Văn Bình' }],
  soNguoiKy: 1,
  donDongNguoi: false,
  anDanh: false,
  tomTatNoiDung: 'Khiếu nại quyết định thu hồi đất',
  baoMatDanhTinh: false,
};
