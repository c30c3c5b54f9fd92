import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, idRemapper, remapJsonIds } from './encoding.ts';

describe('the export encoding', () => {
  it('gives back exactly what it was given', () => {
    for (const value of [
      null,
      '',
      'plain',
      '=SUM(A1:A2)',
      '+44 141',
      '-5',
      '@home',
      '\tindented',
      "'quoted",
      "''twice",
      '\\N',
      '\\J"x"',
      'a\r\nb',
      'bell\u0007',
      'line\nbreak',
      'é 😀',
      '\\',
    ]) {
      expect(decodeValue(encodeValue(value)), JSON.stringify(value)).toBe(value);
    }
  });

  it('writes null as \\N, and escapes formulas as every download does', () => {
    expect(encodeValue(null)).toBe('\\N');
    expect(encodeValue('\\N')).toBe("'\\N");
    expect(encodeValue('=1+1')).toBe("'=1+1");
    expect(encodeValue("'=1+1")).toBe("''=1+1");
    expect(encodeValue('a\r\nb')).toBe('\\J"a\\r\\nb"');
    expect(encodeValue('2026-04-01')).toBe('2026-04-01');
  });

  it('remaps ids the same way every time, the old programme to the new one', () => {
    const remap = idRemapper({ fromProgrammeId: '00000000-0000-4000-8000-000000000001', toProgrammeId: '00000000-0000-4000-8000-000000000002' });
    const id = '7d4c3c3e-1c1a-4b0e-9a59-3f0b6f6f2a10';
    expect(remap('00000000-0000-4000-8000-000000000001')).toBe('00000000-0000-4000-8000-000000000002');
    expect(remap(id)).toBe(remap(id.toUpperCase()));
    expect(remap(id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(remap(id)).not.toBe(remap(id.replace('7d', '8d')));
    expect(JSON.parse(remapJsonIds(JSON.stringify({ episodes: [id], [id]: 'new', count: 2 }), remap))).toEqual({
      episodes: [remap(id)],
      [remap(id)]: 'new',
      count: 2,
    });
  });
});
