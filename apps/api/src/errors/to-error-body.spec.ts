import { BadRequestException } from '@nestjs/common';
import { toErrorBody } from './to-error-body';

/** The details of the ValidationPipe's 400 carrying these class-validator messages. */
function detailsOf(...messages: string[]) {
  return toErrorBody(new BadRequestException({ message: messages }), { bodyLimit: 1024 }).body.details;
}

describe('toErrorBody of a ValidationPipe 400', () => {
  it('names the property each message starts with', () => {
    expect(detailsOf('name must be a string', 'filter.since must be RFC 3339 date')).toEqual([
      { path: 'name', message: 'must be a string' },
      { path: 'filter.since', message: 'must be RFC 3339 date' },
    ]);
  });

  it('names the array, not the word "each", for a rule on every item', () => {
    expect(
      detailsOf('each value in scopes must be a string', 'input.each value in labels must be key=value'),
    ).toEqual([
      { path: 'scopes', message: 'each value must be a string' },
      { path: 'input.labels', message: 'each value must be key=value' },
    ]);
  });

  it('names the unknown property, not the word "property"', () => {
    expect(detailsOf('property extra should not exist', 'filter.property colour should not exist')).toEqual([
      { path: 'extra', message: 'should not exist' },
      { path: 'filter.colour', message: 'should not exist' },
    ]);
  });
});
