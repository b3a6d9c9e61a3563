import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A kubeconfig file that points kubectl or bosun at the test API server (plain HTTP, so no certificate to verify). */
export function writeKubeconfig(directory: string, server: string): string {
  const file = join(directory, "kubeconfig");
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: ${server}
    insecure-skip-tls-verify: true
users:
- name: test
  user:
    token: test-token
contexts:
- name: test
  context:
    cluster: test
    user: test
    namespace: default
current-context: test
`,
  );
  return file;
}
