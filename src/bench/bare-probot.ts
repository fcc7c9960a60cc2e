import { pino } from "pino";
import { Probot, Server } from "probot";

/** The baseline: a bare Probot app whose handler does nothing, same server stack as sevbot. */
const port = Number(process.env.PORT);
const server = new Server({
  host: "127.0.0.1",
  port,
  log: pino({ level: "warn" }),
  Probot: Probot.defaults({
    appId: 1,
    privateKey: process.env.PRIVATE_KEY!,
    secret: process.env.WEBHOOK_SECRET!,
    log: pino({ level: "warn" }),
  }),
});
await server.load((app) => {
  app.on("issues", async () => undefined);
});
await server.start();
