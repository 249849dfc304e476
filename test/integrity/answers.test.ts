import { describe, expect, it } from 'vitest';
import { classifyAnswer, isTransportError, noAnswerKind, type Answer, type Sent } from '../../src/catalog/answers';
import { endpointById } from '../../src/catalog/index';

/** The answer classifier: who produced an answer, and whether the asked producer did. */
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  ({ status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, text: JSON.stringify(body) });
const e1 = (status: number, error: string, message: string) => json(status, { error, message });
const NGINX_400 = '<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const I5 = endpointById('I5');
const E18 = endpointById('#18');
const viaEdge = (path: string, prefix = '/identity'): Sent => ({ method: 'GET', path: `${prefix}${path}`, prefix, viaEdge: true });
const direct = (path: string, method = 'GET'): Sent => ({ method, path, prefix: '', viaEdge: false });

describe('classifyAnswer', () => {
  it('a documented success or error of the asked route is the route\'s own answer', () => {
    expect(classifyAnswer(json(200, { profileId: 'u1' }), { route: I5 }, viaEdge('/api/v1/users/u1'))).toMatchObject({ producer: 'route', expected: true, component: 'service' });
    expect(classifyAnswer(e1(404, 'Not Found', 'User not found'), { route: I5 }, direct('/api/v1/users/u9'))).toMatchObject({ producer: 'route', expected: true });
    expect(classifyAnswer(e1(401, 'Unauthorized', 'Invalid or expired token'), { route: I5 }, direct('/api/v1/users/u1'))).toMatchObject({ producer: 'route', expected: true });
    // A 500 is the route's too: a broken rule (ERR-5) to judge, not an unusable answer.
    expect(classifyAnswer(e1(500, 'Internal Server Error', 'Internal server error'), { route: I5 }, viaEdge('/api/v1/users/u1'))).toMatchObject({ producer: 'route', expected: true });
  });

  it('a route-not-found 404 naming the public path (prefix not stripped) never counts for the route', () => {
    const answer = e1(404, 'Not Found', 'Route GET /identity/api/v1/users/u1 not found');
    expect(classifyAnswer(answer, { route: I5 }, viaEdge('/api/v1/users/u1'))).toEqual({ producer: 'unrouted', component: 'edge', expected: false, kind: 'unrouted 404' });
  });

  it('the service\'s own HTTP-4 404 for the exact path says the route is missing; for an unknown-path probe it is the expected answer', () => {
    const answer = e1(404, 'Not Found', 'Route GET /api/v1/users/u1 not found');
    expect(classifyAnswer(answer, { route: I5 }, viaEdge('/api/v1/users/u1'))).toMatchObject({ producer: 'service', expected: false, kind: 'route missing (HTTP-4 404)' });
    const probe = e1(404, 'Not Found', 'Route GET /api/v1/gxv-no-such-route not found');
    expect(classifyAnswer(probe, { service: 'identity' }, viaEdge('/api/v1/gxv-no-such-route'))).toMatchObject({ producer: 'service', expected: true });
  });

  it('nginx\'s own pages, 429 and 502/504 are the edge\'s, whatever was asked', () => {
    const html = { status: 400, headers: { 'content-type': 'text/html', server: 'nginx' }, text: NGINX_400 };
    expect(classifyAnswer(html, { route: I5 }, viaEdge('/api/v1/users/u1'))).toMatchObject({ producer: 'edge', component: 'edge', expected: false, kind: 'edge HTML 400 page' });
    expect(classifyAnswer(e1(429, 'Too Many Requests', 'Too many requests'), { route: I5 }, viaEdge('/api/v1/users/u1'))).toMatchObject({ producer: 'edge', kind: 'edge 429' });
    expect(classifyAnswer(e1(502, 'Bad Gateway', 'Upstream service unavailable'), { service: 'tax' }, viaEdge('/health', '/tax'))).toMatchObject({ producer: 'edge', kind: 'edge 502' });
    expect(classifyAnswer({ status: 503, headers: {}, text: '' }, { route: I5 }, viaEdge('/api/v1/users/u1'))).toMatchObject({ producer: 'edge', kind: 'edge 503' });
    // Asked of the edge itself, its page is the expected answer.
    expect(classifyAnswer(e1(404, 'Not Found', 'Route GET /gxv-unknown not found'), { edge: true }, { method: 'GET', path: '/gxv-unknown', prefix: '', viaEdge: true })).toMatchObject({ producer: 'edge', expected: true });
  });

  it('a framework HTML page without a proxy signature is the service\'s (it breaks E1 itself)', () => {
    const page = { status: 400, headers: { 'content-type': 'text/html' }, text: '<!DOCTYPE html><html><body><h1>400 Bad Request</h1></body></html>' };
    expect(classifyAnswer(page, { route: I5 }, viaEdge('/api/v1/users/u1'))).toMatchObject({ producer: 'route', expected: true });
  });

  it('another route\'s documented 404 is not this route\'s answer', () => {
    expect(classifyAnswer(e1(404, 'Not Found', 'User not found'), { route: E18 }, direct('/api/v1/users/u1/loans'))).toMatchObject({ producer: 'other-route', expected: false, kind: 'another route\'s 404' });
    expect(classifyAnswer(e1(404, 'Not Found', 'Nothing here'), { route: E18 }, direct('/api/v1/users/u1/loans'))).toMatchObject({ expected: false, kind: 'unexplained 404' });
  });

  it('a 405 for the route\'s own method means the route is missing', () => {
    expect(classifyAnswer(e1(405, 'Method Not Allowed', 'Method not allowed here'), { route: I5 }, direct('/api/v1/users/u1'))).toMatchObject({ expected: false, kind: 'route missing (405)' });
  });
});

describe('no answer', () => {
  it('names what came back instead and tells transport failures from check bugs', () => {
    expect(noAnswerKind(Object.assign(new Error('Timeout of 10000ms exceeded'), { code: 'ECONNABORTED', timeout: 10000 }))).toBe('timeout');
    expect(noAnswerKind(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe('connection refused');
    expect(noAnswerKind(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('connection reset');
    expect(isTransportError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransportError(new TypeError('cannot read properties of undefined'))).toBe(false);
  });
});
