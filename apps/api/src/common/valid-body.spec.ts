import 'reflect-metadata';
import { CreateAnalysisDto } from '../analyses/dto/analysis.dto';
import { AppError } from '../errors/error-codes';
import { validBody } from './valid-body';

function refusal(body: unknown): { code: string; message: string; details: readonly object[] } {
  try {
    validBody(CreateAnalysisDto, body);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, message: error.message, details: error.details };
  }
  throw new Error('accepted');
}

describe('validBody', () => {
  it('gives back the DTO of a valid body', () => {
    const dto = validBody(CreateAnalysisDto, { manifest: 'kind: Pod', inventory: 'prod' });
    expect(dto).toBeInstanceOf(CreateAnalysisDto);
    expect(dto).toMatchObject({ manifest: 'kind: Pod', inventory: 'prod' });
  });

  it.each([[undefined], [null], ['text'], [[{ manifest: 'kind: Pod' }]]])(
    'refuses %p: the body must be a JSON object',
    (body) => {
      expect(refusal(body)).toEqual({
        code: 'malformed-input',
        message: 'the body must be a JSON object with a manifest',
        details: [{ path: 'manifest', message: 'the body must be a JSON object with a manifest' }],
      });
    },
  );

  it('names an unknown property by its path alone, as the ValidationPipe does', () => {
    expect(refusal({ manifest: 'kind: Pod', colour: 'red' })).toEqual({
      code: 'malformed-input',
      message: 'colour: should not exist',
      details: [{ path: 'colour', message: 'should not exist' }],
    });
  });

  it('names a nested field by its whole path, array items by index', () => {
    expect(
      refusal({
        files: [
          { name: 'a.yaml', content: 'x' },
          { name: 3, content: 'y' },
        ],
      }),
    ).toEqual({
      code: 'malformed-input',
      message:
        'files[1].name: must be shorter than or equal to 1024 characters; files[1].name: must be a string',
      details: [
        { path: 'files[1].name', message: 'must be shorter than or equal to 1024 characters' },
        { path: 'files[1].name', message: 'must be a string' },
      ],
    });
  });
});
