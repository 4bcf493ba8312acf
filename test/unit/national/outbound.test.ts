import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { nationalCaseSchema } from '../../../src/national/national-case-schema.ts';
import { toNationalCase } from '../../../src/national/outbound.ts';
import { samplePetition } from './samples.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validCase = ajv.compile(nationalCaseSchema);
const hubId = '5a7d9e0c-1111-4c2b-9d3e-000000000042';

describe('toNationalCase', () => {
  it('puts every canonical field where docs/national-api.md says', () => {
    expect(toNationalCase(samplePetition, { hubId })).toEqual({
      maHoSoNguon: hubId,
      heThongGoc: 'quynhon-web',
      maDonHeThongGoc: 'QN-2026-0042',
      maHoSoMotCua: 'MC-000123',
      trungVoiMaHoSoNguon: '0b6f2c1e-4d0a-4f5e-9a51-6a3b8f1c2d3e',
      ngayTiepNhan: '2026-10-15',
      ngayVietDon: '2026-10-12',
      coQuanTiepNhan: {
        maCoQuan: 'UBND-TPQN',
        tenCoQuan: 'UBND thành phố Quy Nhơn',
        maDonViHanhChinh: '21583',
      },
      nguonDon: 'POST',
      hinhThucTiepCongDan: 'REGULAR',
      loaiDon: 'KN',
      linhVuc: 'ADMIN_LAND_HOUSING',
      nguoiDungDon: [
        {
          loai: 'PERSON',
          hoTen: 'Trần Văn Bình',
          giayToTuyThan: { loai: 'CCCD', so: '052080001234' },
          namSinh: 1980,
          ngaySinh: '1980-03-04',
          gioiTinh: 'M',
          diaChi: { chiTiet: '12 Lê Lợi', maTinh: '52', maXa: '21583' },
          soDienThoai: '0905000111',
          laNguoiDaiDien: true,
        },
        { loai: 'PERSON', hoTen: 'Lê Thị Hoa' },
      ],
      soNguoiKy: 6,
      donDongNguoi: true,
      anDanh: false,
      tomTatNoiDung: 'Khiếu nại quyết định thu hồi đất',
      doiTuongBiKhieuNaiToCao: 'UBND phường Quy Nhơn',
      noiPhatSinh: { chiTiet: 'Tổ 3, khu vực 5', maTinhCu: '52', maHuyenCu: '540' },
      huongXuLy: 'ACCEPT',
      thongTinXuLy: { duDieuKienXuLy: true, thuocThamQuyen: true, ngayXuLy: '2026-10-20' },
      baoMatDanhTinh: false,
    });
  });

  it('produces a body the national schema accepts, with no undefined members', () => {
    const body = toNationalCase(samplePetition, { hubId });
    expect(validCase(body), JSON.stringify(validCase.errors)).toBe(true);
    expect(JSON.stringify(body)).not.toContain('undefined');
    const minimal = toNationalCase(
      { ...samplePetition, handling: {}, petitioners: [], anonymous: true, kind: 'TC' },
      { hubId },
    );
    expect(validCase(minimal)).toBe(true);
    expect(minimal).not.toHaveProperty('thongTinXuLy');
    expect(minimal).not.toHaveProperty('huongXuLy');
    expect(minimal.anDanh).toBe(true);
  });

  it('keeps a denunciation confidential even when the source did not flag it', () => {
    const tc = { ...samplePetition, kind: 'TC' as const };
    expect(toNationalCase(tc, { hubId }).baoMatDanhTinh).toBe(true);
    const flagged = {
      ...tc,
      confidentiality: { protectIdentity: true, reason: 'Người tố cáo đề nghị giữ bí mật' },
    };
    expect(toNationalCase(flagged, { hubId })).toMatchObject({
      baoMatDanhTinh: true,
      lyDoBaoMat: 'Người tố cáo đề nghị giữ bí mật',
    });
  });

  it('marks fewer than five signers as not a many-signer petition', () => {
    expect(toNationalCase({ ...samplePetition, signerCount: 4 }, { hubId }).donDongNguoi).toBe(
      false,
    );
  });
});
