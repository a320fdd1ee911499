import { transportContract } from "@plexus/core/contract";
import { udpHarness } from "./harness.js";

transportContract("transport-udp on 127.0.0.1", udpHarness({ host: "127.0.0.1" }));
