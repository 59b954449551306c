// The managed socket and its building blocks.
export { ManagedSocket } from './managed-socket.js';
export type { ManagedSocketOptions, SessionHandle, SocketMessage } from './managed-socket.js';
export type { ManagedSocketEvents, SocketState } from './socket-events.js';
export type { SessionEndReason } from './socket-session.js';
export type {
  SocketSide,
  WebSocketAddressSource,
  WebSocketConfig,
  WebSocketConfigSource,
} from './options.js';
export { ReconnectBudget } from './reconnect-budget.js';

// Dialects.
export { JavaHeartbeatSocket } from './java-heartbeat-socket.js';
export type { JavaHeartbeatSocketOptions } from './java-heartbeat-socket.js';
export { JavaInstanceChangeSocket } from './java-instance-change-socket.js';
export type { ChangeSocketOptions } from './java-instance-change-socket.js';
export { RustChangeSocket } from './rust-change-socket.js';
export type { ChangeSocket, ChangeSocketEvents } from './change-socket.js';

// Errors.
export {
  FrameTooLargeError,
  InvalidFrameError,
  WebSocketConnectError,
  WebSocketDisconnectedError,
  WebSocketNotOpenError,
  WebSocketSendTimeoutError,
} from './errors.js';
