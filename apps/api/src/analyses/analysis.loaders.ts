// Per-request DataLoaders for GraphQL: the workloads of every analysis a query reaches load in one batch
// (AnalysesService.getMany), however many analyses a page holds. A new set is made for each request, so
// nothing is cached across requests or callers.
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AnalysesService } from './analyses.service';
import { type AnalysisView } from './analysis.view';

export interface AnalysisLoaders {
  /** Stored analyses with their fit summaries, by id. */
  readonly brief: DataLoader<string, AnalysisView>;
  /** Stored analyses with every node's verdict recomputed from the inventory snapshot, by id. */
  readonly withNodes: DataLoader<string, AnalysisView>;
}

@Injectable()
export class AnalysisLoadersFactory {
  constructor(private readonly analyses: AnalysesService) {}

  create(): AnalysisLoaders {
    return {
      brief: new DataLoader((ids) => this.analyses.getMany(ids, false)),
      withNodes: new DataLoader((ids) => this.analyses.getMany(ids, true)),
    };
  }
}
