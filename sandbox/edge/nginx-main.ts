/**
 * The part of every sandbox nginx config that is about running nginx unprivileged in a private
 * prefix (pid, logs and temp files under it, in the foreground, one worker), up to the opening of
 * the `http` block. The edges and the monitoring front differ only in what they serve.
 */
export interface NginxMainInput {
  /** nginx prefix (-p): pid, logs and temp paths live here. */
  prefixDir: string;
  runAsRoot: boolean;
  workerConnections: number;
  /** Extra main-context lines (e.g. `worker_rlimit_nofile`), with a comment saying why. */
  mainLines?: string[];
}

export function nginxMainContext(input: NginxMainInput): string {
  const { prefixDir } = input;
  return `${input.runAsRoot ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${prefixDir}/nginx.pid;
error_log ${prefixDir}/error.log warn;
${(input.mainLines ?? []).join('\n')}
events { worker_connections ${input.workerConnections}; }
http {
    access_log off;
    client_body_temp_path ${prefixDir}/tmp/body;
    proxy_temp_path ${prefixDir}/tmp/proxy;
    fastcgi_temp_path ${prefixDir}/tmp/fastcgi;
    uwsgi_temp_path ${prefixDir}/tmp/uwsgi;
    scgi_temp_path ${prefixDir}/tmp/scgi;
    server_tokens off;`;
}
