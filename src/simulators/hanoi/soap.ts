/**
 * SOAP plumbing of the Hà Nội simulator: reading a request envelope (1.1 or 1.2, told apart by
 * Content-Type), writing answers and faults in the matching version, and the minimal WSDL.
 */
import xml2js from 'xml2js';
import { esc } from './render-xml.ts';

/** Target namespace of the service. */
export const HANOI_NS = 'http://thanhtra.hanoi.gov.vn/kntc/';
/** SOAPAction of LayDanhSachDon. */
export const LAY_DANH_SACH_DON_ACTION = `${HANOI_NS}LayDanhSachDon`;
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';

/** SOAP version of a request or answer. */
export type SoapVersion = '1.1' | '1.2';

/** The Content-Type of an answer in that version. */
export function soapContentType(version: SoapVersion): string {
  return version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
}

/** Wraps body content in an envelope. */
export function envelope(version: SoapVersion, body: string): string {
  const ns = version === '1.1' ? SOAP11 : SOAP12;
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** Who is at fault: the client (permanent) or the server (retry). */
export type FaultSide = 'client' | 'server';

/** A Fault envelope; `subcode` is a qualified name such as "wsse:FailedAuthentication". */
export function faultEnvelope(
  version: SoapVersion,
  side: FaultSide,
  text: string,
  subcode?: string,
): string {
  if (version === '1.1') {
    const code = subcode ?? (side === 'client' ? 'soap:Client' : 'soap:Server');
    const wsse = subcode?.startsWith('wsse:') === true ? ` xmlns:wsse="${WSSE_NS}"` : '';
    return envelope(
      '1.1',
      `<soap:Fault${wsse}><faultcode>${code}</faultcode><faultstring>${esc(text)}</faultstring></soap:Fault>`,
    );
  }
  const value = side === 'client' ? 'soap:Sender' : 'soap:Receiver';
  const sub =
    subcode === undefined
      ? ''
      : `<soap:Subcode><soap:Value xmlns:wsse="${WSSE_NS}">${subcode}</soap:Value></soap:Subcode>`;
  return envelope(
    '1.2',
    `<soap:Fault><soap:Code><soap:Value>${value}</soap:Value>${sub}</soap:Code><soap:Reason><soap:Text xml:lang="vi">${esc(text)}</soap:Text></soap:Reason></soap:Fault>`,
  );
}

/** wsse namespace. */
export const WSSE_NS =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';

/** A parsed request envelope: Header and Body children by local name (xml2js, no arrays). */
export interface SoapRequest {
  readonly header: Record<string, unknown>;
  readonly body: Record<string, unknown>;
}

function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Parses a request envelope; null when it is not SOAP (or carries a DTD, refused). */
export async function parseSoapRequest(text: string): Promise<SoapRequest | null> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return null;
  try {
    const tree: unknown = await xml2js.parseStringPromise(text, {
      explicitArray: false,
      tagNameProcessors: [xml2js.processors.stripPrefix],
    });
    const env = obj(obj(tree)['Envelope']);
    if (env['Body'] === undefined) return null;
    return { header: obj(env['Header']), body: obj(env['Body']) };
  } catch {
    return null;
  }
}

/** Text of an xml2js value (plain string, or { _: text } when the element has attributes). */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const t = obj(value)['_'];
  return typeof t === 'string' ? t : null;
}

/** Child of an xml2js object. */
export function childOf(value: unknown, key: string): unknown {
  return obj(value)[key];
}

/** A minimal WSDL describing LayDanhSachDon (enough for a client generator to find it). */
export function wsdl(location: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:tns="${HANOI_NS}" xmlns:s="http://www.w3.org/2001/XMLSchema" targetNamespace="${HANOI_NS}">
  <wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${HANOI_NS}">
    <s:element name="LayDanhSachDon"><s:complexType><s:sequence>
      <s:element minOccurs="0" name="TuNgayCapNhat" type="s:dateTime"/>
      <s:element minOccurs="0" name="SauSoDon" type="s:string"/>
      <s:element minOccurs="0" name="Trang" type="s:int"/>
      <s:element minOccurs="0" name="SoBanGhi" type="s:int"/>
    </s:sequence></s:complexType></s:element>
    <s:element name="LayDanhSachDonResponse"><s:complexType><s:sequence>
      <s:element name="KetQua" type="s:anyType"/>
    </s:sequence></s:complexType></s:element>
  </s:schema></wsdl:types>
  <wsdl:message name="LayDanhSachDonSoapIn"><wsdl:part name="parameters" element="tns:LayDanhSachDon"/></wsdl:message>
  <wsdl:message name="LayDanhSachDonSoapOut"><wsdl:part name="parameters" element="tns:LayDanhSachDonResponse"/></wsdl:message>
  <wsdl:portType name="KNTCServiceSoap"><wsdl:operation name="LayDanhSachDon"><wsdl:input message="tns:LayDanhSachDonSoapIn"/><wsdl:output message="tns:LayDanhSachDonSoapOut"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="KNTCServiceSoap" type="tns:KNTCServiceSoap"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="LayDanhSachDon"><soap:operation soapAction="${LAY_DANH_SACH_DON_ACTION}" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="KNTCServiceSoap12" type="tns:KNTCServiceSoap"><soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="LayDanhSachDon"><soap12:operation soapAction="${LAY_DANH_SACH_DON_ACTION}" style="document"/><wsdl:input><soap12:body use="literal"/></wsdl:input><wsdl:output><soap12:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="KNTCService">
    <wsdl:port name="KNTCServiceSoap" binding="tns:KNTCServiceSoap"><soap:address location="${esc(location)}"/></wsdl:port>
    <wsdl:port name="KNTCServiceSoap12" binding="tns:KNTCServiceSoap12"><soap12:address location="${esc(location)}"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>`;
}
