import { describe, expect, it } from 'vitest';
import { prologVerdict } from './xml-prolog.ts';

describe("an XML part's prolog", () => {
  it('may hold the declaration, comments, processing instructions and white space before the first element', () => {
    expect(prologVerdict('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="x">')).toBe('element');
    expect(prologVerdict('\ufeff<!-- saved by hand --><?mso-application progid="Excel.Sheet"?><sst/>')).toBe('element');
  });

  it('is refused when it declares a document type, in any case, or is not XML at all', () => {
    expect(prologVerdict('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x/>')).toBe('refuse');
    expect(prologVerdict('<!-- a --><!doctype x><x/>')).toBe('refuse');
    expect(prologVerdict('<!ENTITY e "x"><x/>')).toBe('refuse');
    expect(prologVerdict('garbage<x/>')).toBe('refuse');
  });

  it('needs more text while a declaration or comment is still open', () => {
    expect(prologVerdict('<?xml version="1.0"')).toBe('unknown');
    expect(prologVerdict('<!-- a long comment')).toBe('unknown');
    expect(prologVerdict('<?xml version="1.0"?>  ')).toBe('unknown');
  });
});
