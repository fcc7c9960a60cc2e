import { createServer, request, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { guardIngress } from "../../../src/adapters/http/ingress-guard.js";

/** Sends a POST by hand, so the body can be declared large or sent slowly. */
function post(
  port: number,
  headers: Record<string, string>,
  chunks: Array<{ data: string; afterMs: number }>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, method: "POST", path: "/api/github/webhooks", headers },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    let delay = 0;
    for (const chunk of chunks) {
      delay += chunk.afterMs;
      setTimeout(() => !req.destroyed && req.write(chunk.data), delay);
    }
    setTimeout(() => !req.destroyed && req.end(), delay + 5);
  });
}

describe("ingress guard in front of the webhook handlers", () => {
  let server: Server;
  let port: number;
  let handled: string[];

  beforeEach(async () => {
    handled = [];
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        handled.push(body);
        res.writeHead(202).end("ok");
      });
    });
    guardIngress(server, { maxBodyBytes: 1_000, bodyTimeoutMs: 300, checkEveryMs: 50 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it("passes an ordinary delivery through to the handler", async () => {
    const body = JSON.stringify({ action: "labeled" });
    expect(
      await post(
        port,
        { "content-type": "application/json", "content-length": String(body.length) },
        [{ data: body, afterMs: 0 }],
      ),
    ).toEqual({ status: 202, body: "ok" });
    expect(handled).toEqual([body]);
  });

  it("refuses a body declared over the cap with 413, before the handler reads it", async () => {
    const response = await post(port, { "content-length": "5000" }, [
      { data: "x".repeat(10), afterMs: 0 },
    ]).catch(() => ({ status: 0, body: "" }));
    expect(response.status).toBe(413);
    expect(handled).toEqual([]);
  });

  it("drops a body that trickles in past the timeout with 408", async () => {
    const started = Date.now();
    const response = await post(port, { "content-length": "20" }, [
      { data: "{", afterMs: 0 },
      { data: '"a"', afterMs: 600 },
    ]).catch(() => ({ status: 0, body: "" }));
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toEqual({ message: "body not received within 300 ms" });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(handled).toEqual([]);
  });

  it("lets a handler take longer than the timeout once the body has arrived", async () => {
    server.removeAllListeners("request");
    server.on("request", (req, res) => {
      req.resume();
      req.on("end", () => setTimeout(() => res.writeHead(202).end("late"), 600));
    });
    const body = JSON.stringify({ action: "labeled" });
    expect(
      await post(port, { "content-length": String(body.length) }, [{ data: body, afterMs: 0 }]),
    ).toEqual({ status: 202, body: "late" });
  });

  it("answers a malformed request with 400, as Node does", async () => {
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => socket.write("NOT HTTP\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk));
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it("must be put in place before the server listens", () => {
    expect(() => guardIngress(server)).toThrow(/before the server listens/);
  });
});
