/**
 * The client's output after the unlock, as the developer guide prints it (Jackson's pretty JSON, an INI
 * block, PEM), with the lines a real client may print around it; and the AWS files edited as text.
 */
import { describe, expect, it } from 'vitest';
import {
  findSection,
  profileLines,
  withSection,
} from '../../../electron/core/device-access/aws-profile-files';
import {
  parseAccessKeys,
  parseCertificateList,
  parseDeviceDetails,
  parsePem,
  parseS3Service,
  parseSecretKey,
} from '../../../electron/core/device-access/device-output';
import { redactSecrets, registerSecretText } from '../../../electron/core/redact';
import { makeDeviceCertificate } from '../../../emulator';

const NOTICE = 'Picked up JAVA_TOOL_OPTIONS: -Duser.home=/tmp/h {x}';

describe('what the client prints after the unlock', () => {
  it('reads the guide’s examples, around notices', async () => {
    expect(parseAccessKeys(`${NOTICE}\n{\n  "AccessKeyIds" : [ "AKIAIOSFODNN7EXAMPLE" ]\n}\n`)).toEqual([
      'AKIAIOSFODNN7EXAMPLE',
    ]);
    expect(parseAccessKeys('{ "AccessKeyIds" : [ ] }')).toBeNull();
    const ini =
      '[snowballEdge]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
    expect(parseSecretKey(ini, 'AKIAIOSFODNN7EXAMPLE')).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(parseSecretKey(ini, 'AKIAOTHEROTHEROTHER1')).toBeNull();
    expect(
      parseCertificateList(
        '{\n  "Certificates" : [ {\n    "CertificateArn" : "arn:aws:snowball-device:::certificate/78EX",\n    "SubjectAlternativeNames" : [ "192.0.2.0" ]\n  } ]\n}',
      ),
    ).toEqual([
      { arn: 'arn:aws:snowball-device:::certificate/78EX', subjectAlternativeNames: ['192.0.2.0'] },
    ]);
    const { cert } = await makeDeviceCertificate('192.0.2.0');
    expect(parsePem(`notice\n${cert.replace(/\n/g, '\r\n')}trailing words`)).toBe(cert);
    expect(parsePem('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----')).toBeNull();
  });

  it('reads describe-service s3 in both documented forms, and describe-device’s capacities', () => {
    const service = parseS3Service(
      JSON.stringify({
        ServiceId: 's3',
        Status: { State: 'ACTIVE' },
        Storage: { TotalSpaceBytes: 99608745492480, FreeSpaceBytes: 99608744468480 },
        Endpoints: [
          { Protocol: 'http', Port: 8080, Host: '192.0.2.0' },
          {
            Protocol: 'https',
            Port: 8443,
            Host: '192.0.2.0',
            CertificateAssociation: { CertificateArn: 'arn:x' },
          },
        ],
      }),
    );
    expect(service).toEqual({
      state: 'ACTIVE',
      totalBytes: 99608745492480,
      freeBytes: 99608744468480,
      endpoints: [
        { protocol: 'http', port: 8080, host: '192.0.2.0', certificateArn: null },
        { protocol: 'https', port: 8443, host: '192.0.2.0', certificateArn: 'arn:x' },
      ],
    });
    expect(
      parseS3Service(
        '{ "ServiceId" : "s3-snow", "Status" : { "State" : "SOMETHING" }, "ServiceCapacities" : [ { "Name" : "S3 Storage", "Unit" : "Byte", "Used" : 640303104, "Available" : 219571981512 } ] }',
      ),
    ).toMatchObject({ state: 'UNKNOWN', totalBytes: 640303104 + 219571981512, freeBytes: 219571981512 });
    const details = parseDeviceDetails(
      '{ "DeviceId" : "JID-EXAMPLE", "UnlockStatus" : { "State" : "UNLOCKED" }, "DeviceCapacities" : [ { "Name" : "vCPU", "Unit" : "Number", "Used" : 2, "Available" : 50 } ], "PhysicalNetworkInterfaces" : [ { "PhysicalNetworkInterfaceId" : "s.ni-1", "PhysicalConnectorType" : "QSFP", "IpAddressAssignment" : "STATIC", "IpAddress" : "0.0.0.0" } ] }',
    );
    expect(details).toMatchObject({
      deviceId: 'JID-EXAMPLE',
      unlockState: 'UNLOCKED',
      capacities: [{ name: 'vCPU', unit: 'Number', total: 52, used: 2, available: 50 }],
      interfaces: [{ id: 's.ni-1', connector: 'QSFP', ipAddress: '0.0.0.0', gateway: null }],
    });
  });

  it('a held secret key is redacted as written, URL-encoded, base64 and hex, and not once forgotten', () => {
    const secret = 'EMULATORdeviceKey/abcdefghijklmnopqrstuv';
    const forget = registerSecretText(secret);
    for (const form of [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('hex'),
    ])
      expect(redactSecrets(`x ${form} y`)).not.toContain(form);
    forget();
    expect(redactSecrets(`key=${Buffer.from(secret).toString('hex')}`)).toContain(
      Buffer.from(secret).toString('hex'),
    );
  });
});

describe('the AWS files, edited as text', () => {
  const spec = {
    name: 'snowball-1a2b3c4d',
    region: 'snow',
    endpointUrl: 'https://192.0.2.10:8443',
    caBundle: '/home/site/device.pem',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };

  it('appends after everything, in the file’s own line endings', () => {
    const lines = profileLines(spec, false).credentials;
    expect(withSection('', ['x'], lines, false)).toBe(`${lines.join('\n')}\n`);
    expect(withSection('[a]\r\nk = v', ['snowball-1a2b3c4d'], lines, false)).toBe(
      `[a]\r\nk = v\r\n\r\n${lines.join('\r\n')}\r\n`,
    );
    expect(profileLines(spec, true).credentials[2]).toBe(`aws_secret_access_key = ${'*'.repeat(40)}`);
  });

  it('replaces only the section’s own lines: the comment above the next section stays with it', () => {
    const text =
      '# top\n[profile p]\nregion = x\n; old note\nk = v\n\n# about q\n[profile q] # q\nregion = y\n';
    expect(findSection(text, ['profile p'])).toEqual({ start: 1, end: 5 });
    expect(withSection(text, ['profile p'], ['[profile p]', 'region = snow'], true)).toBe(
      '# top\n[profile p]\nregion = snow\n\n# about q\n[profile q] # q\nregion = y\n',
    );
    expect(findSection(text, ['profile q'])).toEqual({ start: 7, end: 9 });
    expect(findSection(text, ['profile r'])).toBeNull();
  });
});
