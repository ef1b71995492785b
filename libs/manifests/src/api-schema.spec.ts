import { goTypeOf, POD_SPEC, workloadStruct } from './api-schema';

describe('api-schema tables', () => {
  it('print types as Go reflect does', () => {
    expect(goTypeOf(POD_SPEC.fields['containers']!)).toBe('[]v1.Container');
    expect(goTypeOf(POD_SPEC.fields['overhead']!)).toBe('v1.ResourceList');
    expect(goTypeOf(POD_SPEC.fields['nodeSelector']!)).toBe('map[string]string');
    expect(goTypeOf(POD_SPEC.fields['priority']!)).toBe('int32');
    expect(goTypeOf(workloadStruct('Deployment', 'v1beta2').fields['spec']!)).toBe('v1beta2.DeploymentSpec');
  });

  it('know the fields of recent Kubernetes: sidecars, pod-level resources, resize policies', () => {
    const container = POD_SPEC.fields['containers'];
    expect(
      container?.kind === 'slice' &&
        container.elem.kind === 'struct' &&
        Object.keys(container.elem.struct.fields),
    ).toEqual(expect.arrayContaining(['restartPolicy', 'restartPolicyRules', 'resizePolicy', 'resources']));
    expect(Object.keys(POD_SPEC.fields)).toEqual(
      expect.arrayContaining(['resources', 'overhead', 'schedulingGates', 'hostUsers']),
    );
  });

  it('keep legacy fields to the API versions that had them', () => {
    const spec = (pkg: string) => {
      const field = workloadStruct('Deployment', pkg).fields['spec']!;
      return field.kind === 'struct' ? Object.keys(field.struct.fields) : [];
    };
    expect(spec('v1beta1')).toContain('rollbackTo');
    expect(spec('v1')).not.toContain('rollbackTo');
    expect(workloadStruct('Deployment', 'v1')).toBe(workloadStruct('Deployment', 'v1'));
  });
});
