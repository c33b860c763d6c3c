import insecureDockerfile from "../../../examples/insecure/apache/Dockerfile?raw";
import hardenedDockerfile from "../../../examples/hardened/apache/Dockerfile?raw";
import insecureCompose from "../../../examples/insecure/stack/docker-compose.yml?raw";
import hardenedCompose from "../../../examples/hardened/stack/compose.yaml?raw";
import insecureDaemon from "../../../examples/insecure/daemon/daemon.json?raw";
import hardenedDaemon from "../../../examples/hardened/daemon/daemon.json?raw";

export interface Sample {
  id: string;
  label: string;
  text: string;
}

/** The seed's two examples and their hardened twins, and the daemon.json pair, read from examples/ at build time. */
export const SAMPLES: readonly Sample[] = [
  { id: "insecure-dockerfile", label: "Apache Dockerfile (insecure)", text: insecureDockerfile },
  { id: "hardened-dockerfile", label: "Apache Dockerfile (hardened)", text: hardenedDockerfile },
  { id: "insecure-compose", label: "Compose stack (insecure)", text: insecureCompose },
  { id: "hardened-compose", label: "Compose stack (hardened)", text: hardenedCompose },
  { id: "insecure-daemon", label: "daemon.json (insecure)", text: insecureDaemon },
  { id: "hardened-daemon", label: "daemon.json (hardened)", text: hardenedDaemon },
];
