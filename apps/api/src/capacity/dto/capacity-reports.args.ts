// Arguments of `capacityReports`: GET /v1/capacity/reports's query parameters with the same checks;
// `first` is capped at MAX_PAGE (more is read as MAX_PAGE, as Relay lets a server do).
import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { type CapacityReportKind as ReportKind } from '@podfit/scheduling';
import { MAX_PAGE } from '../../analyses/dto/analyses.args';
import { CapacityReportKind } from '../models/capacity-report.model';

@ArgsType()
export class CapacityReportsArgs {
  @Field(() => CapacityReportKind, { nullable: true, description: 'Only reports of this kind.' })
  @IsOptional()
  @IsIn(Object.values(CapacityReportKind))
  kind?: ReportKind;

  @Field({ nullable: true, description: 'Only reports made against this inventory.' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  inventory?: string;

  @Field(() => Int, {
    defaultValue: 20,
    description: `Page size, at most ${MAX_PAGE} (more reads ${MAX_PAGE}).`,
  })
  @IsInt()
  @Min(1)
  first!: number;

  @Field({ nullable: true, description: 'The cursor of the last report of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}
