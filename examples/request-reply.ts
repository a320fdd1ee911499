/**
 * Direct messages and request/reply by node id: a "calculator" node answers requests with
 * `onRequest`, a client sends it a fire-and-forget message (`send`, resolved once
 * acknowledged) and then requests (`request`, resolved with the handler's return value).
 * Run: pnpm example examples/request-reply.ts
 */
import { Node, isPlexusError } from "plexus";

const localhost = "127.0.0.1";
const calculator = new Node({ host: localhost, port: 0 });
const { port } = await calculator.listen();
const client = new Node({ host: localhost, port: 0 });
try {
  await client.connect({ host: localhost, port });
  console.log(`client joined through the calculator at ${localhost}:${port}`);

  // One-way messages arrive as `message` events: (data, sender { id (hex), host, port, name }).
  calculator.on("message", (data, from) => console.log(`calculator got a message from ${from.id.slice(0, 8)}: ${String(data)}`));
  await client.send(calculator.idHex, "hello, calculator");
  console.log("client: message acknowledged");

  // The handler's return value (or resolved promise) is the reply; a throw becomes ERR_REMOTE.
  calculator.onRequest((data) => {
    const { op, args } = data as { op: string; args: number[] };
    if (op === "sum") return args.reduce((a, b) => a + b, 0);
    throw new Error(`unknown op ${op}`);
  });
  console.log("client: sum(1, 2, 3, 4) =", await client.request(calculator.idHex, { op: "sum", args: [1, 2, 3, 4] }));
  try {
    await client.request(calculator.idHex, { op: "divide", args: [1, 0] });
  } catch (error) {
    if (!isPlexusError(error)) throw error;
    console.log(`client: divide failed with ${error.code}`);
  }
} finally {
  await Promise.all([client.close(), calculator.close()]);
}
console.log("done");
