// The live-run socket arrives with the next issue (run toolbar and events panel). The designer only needs
// to know whether the server answers, which `use-server-status.ts` checks over REST for now.
export const SOCKET_PATH = '/socket.io';
