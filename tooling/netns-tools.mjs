// Before `pnpm test`: the netns tier (root) builds hosts in network namespaces with iproute2,
// NAT routers with iptables, and rebinds them with conntrack. Installs what is missing from
// Debian's packages when running as root (as CI does), else says what to install.
import { execFileSync } from "node:child_process";

const tools = { ip: "iproute2", iptables: "iptables", conntrack: "conntrack" };
const has = (tool) => {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const missing = Object.entries(tools).filter(([tool]) => !has(tool)).map(([, pkg]) => pkg);
if (missing.length > 0) {
  if (process.getuid?.() === 0 && has("apt-get")) {
    console.error(`installing ${missing.join(", ")} for the netns test tier`);
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit" });
  } else {
    console.error(`the netns test tier needs root and ${missing.join(", ")} (apt-get install ${missing.join(" ")})`);
    process.exit(1);
  }
}
