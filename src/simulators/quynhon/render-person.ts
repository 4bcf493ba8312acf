/**
 * Renders a clean synthetic person the way Quy Nhơn's software stores a petitioner: free-text
 * address and phone in varied styles, optional birth data, and the per-person faults (missing
 * identity document, old CMND, upper-case name without diacritics, stray spaces, no codes).
 */
import {
  extraSpaces,
  formatDdMmYyyy,
  formatPhoneMessy,
  formatQuyNhonAddressMessy,
  upperNoDiacritics,
  type Rng,
  type SynthPerson,
} from '../synth/index.ts';
import type { RecordFaultRates } from './faults.ts';
import type { QuyNhonPerson } from './record.ts';

function renderName(rng: Rng, person: SynthPerson, rates: RecordFaultRates): string {
  let name = person.name.fullName;
  if (rng.chance(rates.upperNoDiacritics)) name = upperNoDiacritics(name);
  if (rng.chance(rates.extraSpaces)) name = extraSpaces(rng, name);
  return name;
}

function renderDocument(
  rng: Rng,
  person: SynthPerson,
  rates: RecordFaultRates,
): Pick<QuyNhonPerson, 'loaiGiayTo' | 'soGiayTo'> {
  if (rng.chance(rates.missingId)) {
    return { loaiGiayTo: '', soGiayTo: rng.chance(0.5) ? '' : null };
  }
  if (person.cmnd !== null && rng.chance(rates.oldCmnd)) {
    return { loaiGiayTo: 'CMND', soGiayTo: person.cmnd };
  }
  if (rng.chance(0.005)) {
    return { loaiGiayTo: 'HC', soGiayTo: `C${String(rng.int(0, 9_999_999)).padStart(7, '0')}` };
  }
  return { loaiGiayTo: 'CCCD', soGiayTo: person.cccd };
}

function renderBirth(rng: Rng, person: SynthPerson): Pick<QuyNhonPerson, 'namSinh' | 'ngaySinh'> {
  const roll = rng.next();
  if (roll < 0.05) return { namSinh: null, ngaySinh: null };
  if (roll < 0.45) return { namSinh: person.birthDate.year, ngaySinh: null };
  return { namSinh: person.birthDate.year, ngaySinh: formatDdMmYyyy(person.birthDate) };
}

/** Renders one petitioner; representative says whether they act for the group. */
export function renderPerson(
  rng: Rng,
  person: SynthPerson,
  rates: RecordFaultRates,
  representative: boolean,
): QuyNhonPerson {
  const noCodes = rng.chance(rates.missingCodes);
  const sexRoll = rng.next();
  return {
    hoTen: renderName(rng, person, rates),
    ...renderDocument(rng, person, rates),
    ...renderBirth(rng, person),
    gioiTinh: sexRoll < 0.05 ? null : person.sex === 'M' ? 'Nam' : 'Nữ',
    diaChi: formatQuyNhonAddressMessy(rng, person.address),
    maTinhCu: noCodes ? null : person.address.oldProvinceCode,
    maHuyenCu: noCodes ? null : person.address.oldDistrictCode,
    maXaCu: noCodes ? null : person.address.ward.code,
    dienThoai: rng.chance(0.15) ? null : formatPhoneMessy(rng, person.phone),
    laNguoiDaiDien: representative,
  };
}
