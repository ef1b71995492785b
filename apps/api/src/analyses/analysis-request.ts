// POST /v1/analyses takes two bodies: JSON (CreateAnalysisDto), or the manifest itself as application/yaml
// with its options in the query. Both become one AnalysisRequest; a bad one is `malformed-input` naming
// each bad field.
import { labelProblems, splitLabel } from '../common/labels';
import { manifestSource } from '../common/manifest-input';
import { isRawYaml } from '../common/raw-body';
import { validBody } from '../common/valid-body';
import { AppError } from '../errors/error-codes';
import { type AnalysisRequest } from './analyses.service';
import { CreateAnalysisDto, type AnalyzeQueryDto } from './dto/analysis.dto';

const DEFAULT_FILENAME = 'manifest';

export function analysisRequest(body: unknown, query: AnalyzeQueryDto): AnalysisRequest {
  const filename = query.filename ?? DEFAULT_FILENAME;
  if (isRawYaml(body)) {
    const labels = Object.fromEntries((query.label ?? []).map(splitLabel));
    const problems = labelProblems(labels);
    if (problems.length > 0) {
      throw new AppError(
        'malformed-input',
        `label ${problems.join('; ')}`,
        problems.map((message) => ({ path: 'label', message })),
      );
    }
    return {
      files: [{ name: filename, content: body.rawYaml }],
      inventory: query.inventory,
      labels,
      fieldValidation: query.fieldValidation,
    };
  }
  const dto = validBody(CreateAnalysisDto, body);
  const files = dto.files ?? [
    { name: filename, content: manifestSource(filename, dto.manifest!).content as string },
  ];
  return {
    files: files.map(({ name, content }) => ({ name, content })),
    inventory: dto.inventory ?? query.inventory,
    labels: dto.labels,
    fieldValidation: dto.fieldValidation ?? query.fieldValidation,
  };
}

export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > 255) {
    throw new AppError('malformed-input', 'Idempotency-Key must be 1 to 255 characters', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
    ]);
  }
  return key;
}
