import { describe, expect, it } from 'vitest';
import { markerProduced } from '../../suites/security/probes/support/answers';

/** A UNION marker counts only when the database produced it, never when a payload comes back as text. */
describe('markerProduced', () => {
  it('an echoed payload is not a produced marker, in any of the shapes a probe sends or a field stores', () => {
    for (const text of [
      `{"remark":"x' UNION SELECT 'gxvunion71'--"}`,
      `{"remark":"x'/**/UNION/**/SELECT/**/'gxvunion71'--"}`,
      `{"message":"bad value x\\' UNION SELECT \\'gxvunion71\\'--"}`,
      'GET /search?q=x%27%20UNION%20SELECT%20%27gxvunion71%27--',
      `{"remark":"x UNION select+gxvunion71"}`,
    ]) expect(markerProduced(text, 'gxvunion71'), text).toBe(false);
  });

  it('the marker as a value of its own is produced, even beside an echo of the payload', () => {
    expect(markerProduced('{"rows":[{"name":"gxvunion71"}]}', 'gxvunion71')).toBe(true);
    expect(markerProduced(`{"q":"x' UNION SELECT 'gxvunion71'--","items":[{"id":"gxvunion71"}]}`, 'gxvunion71')).toBe(true);
    expect(markerProduced('{"rows":[]}', 'gxvunion71')).toBe(false);
  });
});
