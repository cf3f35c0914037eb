package io.millwright.server.datasets.catalog;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The S3 client datasets use, set for S3-compatible servers as well as AWS. */
public final class ObjectStores {

  private ObjectStores() {}

  /**
   * @param endpoint the server (MinIO, Ceph, s3proxy…); empty for AWS itself
   */
  public static S3Client client(
      Optional<String> endpoint, String region, String accessKey, String secretKey) {
    var builder =
        S3Client.builder()
            .region(Region.of(region))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            // Path-style addressing and no chunked uploads: what S3-compatible servers all take.
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(endpoint.isPresent())
                    .chunkedEncodingEnabled(false)
                    .build())
            // Not every S3-compatible server takes the SDK's newer trailing checksums: send and
            // check them only where the API requires them.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)));
    return builder.build();
  }
}
