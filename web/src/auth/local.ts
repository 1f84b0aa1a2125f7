import { api } from '../api.ts';

/** The local runtime's demo users (`/local/demo-users`): one per role, each with a ready-made token. */
export interface DemoUser {
  readonly key: string;
  readonly label: string;
  readonly role: string;
  readonly jurisdiction?: string;
  readonly mineId?: string;
  readonly token: string;
}

export async function loadDemoUsers(): Promise<DemoUser[]> {
  return (await api.get<{ items: DemoUser[] }>('/local/demo-users')).items;
}
