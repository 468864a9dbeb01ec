export interface PrismaPgConfig {
  connectionString?: string | undefined;
  max?: number;
}

export declare class PrismaPg {
  constructor(config: PrismaPgConfig | string);
  readonly config: PrismaPgConfig | string;
}
