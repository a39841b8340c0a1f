import { selectClaims } from '../../harness/runner/claim-selection';

const catalog = [
  { id: 'lock.a', topic: 'lock' },
  { id: 'lock.b', topic: 'lock' },
  { id: 'rlock.a', topic: 'rlock' },
  { id: 'deadlock.opposite-order', topic: 'deadlock' },
  { id: 'queue.fifo', topic: 'queue' },
];

const ids = (patterns: string[]) => selectClaims(catalog, patterns).claims.map((c) => c.id);

describe('selectClaims', () => {
  it('selects everything without patterns', () => {
    expect(ids([])).toEqual(catalog.map((c) => c.id));
  });

  it('matches exact ids and whole topics, never by prefix alone', () => {
    expect(ids(['lock.b'])).toEqual(['lock.b']);
    expect(ids(['lock'])).toEqual(['lock.a', 'lock.b']);
    expect(ids(['loc'])).toEqual([]);
  });

  it('matches globs against ids and topics, escaping regex characters', () => {
    expect(ids(['lock.*'])).toEqual(['lock.a', 'lock.b']);
    expect(ids(['*lock*'])).toEqual(['lock.a', 'lock.b', 'rlock.a', 'deadlock.opposite-order']);
    expect(ids(['*.a'])).toEqual(['lock.a', 'rlock.a']);
    expect(ids(['lock?a*'])).toEqual([]);
    expect(ids(['q*'])).toEqual(['queue.fifo']);
  });

  it('keeps catalog order and never repeats a claim matched twice', () => {
    expect(ids(['queue', 'lock.a', 'lock.*'])).toEqual(['lock.a', 'lock.b', 'queue.fifo']);
  });

  it('reports patterns that match nothing', () => {
    expect(selectClaims(catalog, ['lock', 'nope', 'x.*']).unmatched).toEqual(['nope', 'x.*']);
  });
});
