/** A listing entry of the server's flow library (`GET /api/flows`). `updated` is epoch ms of the last write. */
export interface FlowListItem {
  id: string;
  name: string;
  description?: string;
  revision: number;
  updated: number;
}

/** A listing entry of the read-only examples (`GET /api/examples`). */
export interface ExampleListItem {
  id: string;
  name: string;
  description?: string;
}
