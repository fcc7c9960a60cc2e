/**
 * The GitLab projects sevbot has heard from, whose trackers the scheduler ticks. GitLab has no
 * "installations" to list as GitHub has, so sevbot remembers them; with replicas the memory is
 * shared (Redis), or the one replica that runs the tick would know only its own webhooks' projects.
 */
export interface KnownProjects {
  add(project: string): void;
  list(): Promise<string[]>;
}

export function memoryKnownProjects(initial: string[] = []): KnownProjects {
  const projects = new Set(initial);
  return {
    add: (project) => void projects.add(project),
    list: async () => [...projects],
  };
}
