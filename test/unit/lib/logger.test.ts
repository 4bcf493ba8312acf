import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACT_PATHS } from '../../../src/lib/logger.ts';

function capture(): { log: pino.Logger; text: () => string } {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  });
  return {
    log: pino({ redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink),
    text: () => out,
  };
}

describe('log redaction', () => {
  it('keeps petitioner identity out of log lines even when a record is logged by mistake', () => {
    const { log, text } = capture();
    const petition = {
      petitioners: [
        {
          name: 'Lê Thị Mai',
          idDocument: { type: 'CCCD', number: '052190012345' },
          phone: '0905123456',
        },
      ],
    };
    log.info({ record: petition }, 'mapped');
    log.info({ sourceId: 'quynhon-web', petition }, 'stored');
    log.info(
      {
        item: {
          hoTen: 'Phạm Văn Nam',
          soCCCD: '052085001111',
          dienThoai: '0911222333',
          diaChi: '1 Lê Lợi',
        },
      },
      'raw',
    );
    const t = text();
    for (const secret of [
      'Lê Thị Mai',
      '052190012345',
      '0905123456',
      'Phạm Văn Nam',
      '052085001111',
      '0911222333',
      '1 Lê Lợi',
    ]) {
      expect(t).not.toContain(secret);
    }
    expect(t).toContain('quynhon-web');
  });
});
