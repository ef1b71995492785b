// Arguments of the `analyze` mutation: the JSON body of POST /v1/analyses as arguments. They are checked
// by the same rules as that body (analysisRequest), so both APIs refuse the same input with the same words.
import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsString, ValidateNested } from 'class-validator';

@InputType({ description: 'A label to attach: a free key/value under Kubernetes label rules.' })
export class LabelInput {
  @Field() @IsString() key!: string;
  @Field() @IsString() value!: string;
}

@ArgsType()
export class AnalyzeArgs {
  @Field({ description: 'The manifest as YAML or JSON text; several documents and Lists allowed.' })
  @IsString()
  manifest!: string;

  @Field({ nullable: true, description: 'Name of a stored inventory to fit the workloads on.' })
  @IsOptional()
  @IsString()
  inventory?: string;

  @Field(() => [LabelInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LabelInput)
  labels?: LabelInput[];

  @Field({ defaultValue: false, description: 'Compute without storing; the analysis id is then null.' })
  @IsBoolean()
  dryRun!: boolean;

  @Field({ nullable: true, description: 'Strict, Warn (default) or Ignore: unknown and duplicate fields.' })
  @IsOptional()
  @IsString()
  fieldValidation?: string;
}
