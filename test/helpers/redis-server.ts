/** The launcher lives in src/ so the bench can start Redis too; tests keep importing it from here. */
export { startRedisServer, type RedisServer } from "../../src/scenario/redis-server.js";
