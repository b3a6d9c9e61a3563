import { KubeConfig } from "@kubernetes/client-node";

/** How serve finds the API server, as Skipper's flags and kubectl do. */
export type KubeConfigChoice =
  | { readonly from: "in-cluster" }
  | { readonly from: "kubeconfig"; readonly path: string; readonly context?: string }
  /** A plain URL, as `kubectl proxy` serves the API (Skipper's -kubernetes-url). */
  | { readonly from: "url"; readonly url: string };

/** The client's configuration for the choice; "default" looks where kubectl looks: $KUBECONFIG, ~/.kube/config, in-cluster. */
export function kubeConfigFor(choice: KubeConfigChoice | "default"): KubeConfig {
  const config = new KubeConfig();
  if (choice === "default") config.loadFromDefault();
  else if (choice.from === "in-cluster") config.loadFromCluster();
  else if (choice.from === "kubeconfig") {
    config.loadFromFile(choice.path);
    if (choice.context !== undefined) config.setCurrentContext(choice.context);
  } else {
    // The client refuses plain HTTP unless told there is no certificate to verify: a URL such as
    // `kubectl proxy` serves has none.
    const plain = choice.url.startsWith("http://");
    config.loadFromOptions({
      clusters: [{ name: "bosun", server: choice.url.replace(/\/+$/, ""), skipTLSVerify: plain }],
      users: [{ name: "bosun" }],
      contexts: [{ name: "bosun", cluster: "bosun", user: "bosun" }],
      currentContext: "bosun",
    });
  }
  return config;
}
