import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The competitor of `bench:proxy`: nginx with one worker in the foreground, a keep-alive upstream
 * (`keepalive 64`, HTTP/1.1, an empty Connection header), everything in `dir`. The access log is
 * on and written to /dev/null, as bosun's is. keepalive_requests is raised on both sides because
 * nginx closes a connection after 1,000 requests by default and node never does: the load then
 * measures proxying, not reconnecting.
 */
export function nginxConfig(dir: string, port: number, backendPort: number): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log /dev/null combined;
  client_body_temp_path ${join(dir, "client_body")};
  proxy_temp_path ${join(dir, "proxy")};
  fastcgi_temp_path ${join(dir, "fastcgi")};
  keepalive_requests 1000000;
  upstream backend {
    server 127.0.0.1:${backendPort};
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
}

/** Writes the config; returns the arguments of the nginx command that serves it. */
export function writeNginxConfig(dir: string, port: number, backendPort: number): string[] {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "nginx.conf");
  writeFileSync(file, nginxConfig(dir, port, backendPort));
  // -e: the error log before the config is read (nginx ≥ 1.19.5), else nginx opens /var/log/nginx.
  return ["-p", dir, "-e", "stderr", "-c", file];
}
