/** The part of autocannon's programmatic API bench-load.ts uses (the package ships no types). */
declare module 'autocannon' {
  interface Result { requests: { average: number }; latency: { p50: number; p99: number } }
  function autocannon(opts: { url: string; connections: number; duration: number }): Promise<Result>;
  export default autocannon;
}
