/*
AWS Streams to Firehose

Copyright 2015 Amazon.com, Inc. or its affiliates. All Rights Reserved.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
 */
var debug = process.env.DEBUG || false;
const allEventTypes = ["INSERT", "MODIFY", "REMOVE"];
var writableEventTypes = process.env.WRITABLE_EVENT_TYPES ? process.env.WRITABLE_EVENT_TYPES.split(",") : allEventTypes;


var pjson = require('./package.json');
var setRegion = process.env['AWS_REGION'];
var deagg = require('aws-kinesis-agg');
var async = require('async');

var aws = require('aws-sdk');
var firehose;
exports.firehose = firehose;
var kinesis;
exports.kinesis = kinesis;
var online = false;

require('./constants');

/* Configure transform utility */
var transform = require('./transformer');
/*
 * create the transformer instance - change this to be regexToDelimter, or your
 * own new function
 */
var useTransformer;

function setTransformer(transformer) {
    useTransformer = transformer
}

exports.setTransformer = setTransformer;

/*
 * Configure destination router. By default all records route to the configured
 * stream
 */
var router = require('./router');

/*
 * create the routing rule reference that you want to use. This shows the
 * default router
 */
var useRouter = router.defaultRouting.bind(undefined);

function setRouter(router) {
    useRouter = router
}

exports.setRouter = setRouter;
// example for using routing based on messages attributes
// var attributeMap = {
// "binaryValue" : {
// "true" : "TestRouting-route-A",
// "false" : "TestRouting-route-B"
// }
// };
// var useRouter = router.routeByAttributeMapping.bind(undefined, attributeMap);

// should KPL checksums be calculated?
var computeChecksums = true;

/*
 * If the source Kinesis Stream's tags or DynamoDB Stream Name don't resolve to
 * an existing Firehose, allow usage of a default delivery stream, or fail with
 * an error.
 */
var USE_DEFAULT_DELIVERY_STREAMS = true;
/*
 * Delivery stream mappings can be specified here to overwrite values provided
 * by Kinesis Stream tags or DynamoDB stream name. (Helpful for debugging)
 * Format: DDBStreamName: deliveryStreamName Or: FORWARD_TO_FIREHOSE_STREAM tag
 * value: deliveryStreamName
 */
var deliveryStreamMapping = {
    'DEFAULT': 'LambdaStreamsDefaultDeliveryStream'
};

var start;

function init(callback) {
    if (!online) {
        if (!setRegion || setRegion === null || setRegion === "") {
            setRegion = "us-east-1";
            console.log("Warning: Setting default region " + setRegion);
        }

        if (debug) {
            console.log("AWS Streams to Firehose Forwarder v" + pjson.version + " in " + setRegion);
        }

        transform.setupTransformer(function (err, transformer) {
            if (err) {
                callback(err);
            } else {
                useTransformer = transformer;

                aws.config.update({
                    region: setRegion
                });

                // configure a new connection to firehose, if one has not been
                // provided
                if (!exports.firehose) {
                    if (debug) {
                        console.log("Connecting to Amazon Kinesis Firehose in " + setRegion);
                    }
                    exports.firehose = new aws.Firehose({
                        apiVersion: '2015-08-04',
                        region: setRegion
                    });
                }

                // configure a new connection to kinesis streams, if one has not
                // been provided
                if (!exports.kinesis) {
                    if (debug) {
                        console.log("Connecting to Amazon Kinesis Streams in " + setRegion);
                    }
                    exports.kinesis = new aws.Kinesis({
                        apiVersion: '2013-12-02',
                        region: setRegion
                    });
                }

                online = true;
                callback(null);
            }
        });
    } else {
        callback(null);
    }
}

exports.init = init;

/**
 * Function to create a condensed version of a dynamodb change record. This is
 * returned as a base64 encoded Buffer so as to implement the same interface
 * used for transforming kinesis records
 */
function createDynamoDataItem(record) {
    var output = {};
    output.Keys = record.dynamodb.Keys;

    if (record.dynamodb.NewImage)
        output.NewImage = record.dynamodb.NewImage;
    if (record.dynamodb.OldImage)
        output.OldImage = record.dynamodb.OldImage;

    // add the sequence number and other metadata
    output.SequenceNumber = record.dynamodb.SequenceNumber;
    output.SizeBytes = record.dynamodb.SizeBytes;
    output.ApproximateCreationDateTime = record.dynamodb.ApproximateCreationDateTime;
    output.eventName = record.eventName;
    // adding userIdentity, used by DynamoDB TTL to indicate removal by TTL as
    // opposed to user initiated remove
    output.userIdentity = record.userIdentity;

    return output;
}

exports.createDynamoDataItem = createDynamoDataItem;

/** function to extract the kinesis stream name from a kinesis stream ARN */
function getStreamName(arn) {
    try {
        var eventSourceARNTokens = arn.split(":");
        return eventSourceARNTokens[5].split("/")[1];
    } catch (e) {
        console.log("Malformed Kinesis Stream ARN");
        return;
    }
}

exports.getStreamName = getStreamName;

function onCompletion(context, event, err, status, message) {
    console.log("Processing Complete");

    if (err) {
        console.log(err);
    }

    // log the event if we've failed
    if (status !== OK) {
        if (message) {
            console.log(message);
        }

        // ensure that Lambda doesn't checkpoint to kinesis on error
        context.done(status, JSON.stringify(message));
    } else {
        context.done(null, message);
    }
}

exports.onCompletion = onCompletion;

/** AWS Lambda event handler */
function handler(event, context) {
    // add the context and event to the function that closes the lambda
    // invocation
    var finish = onCompletion.bind(undefined, context, event);

    /** End Runtime Functions */
    if (debug) {
        console.log(JSON.stringify(event));
    }

    // fail the function if the wrong event source type is being sent, or if
    // there is no data, etc
    var noProcessStatus = ERROR;
    var noProcessReason;

    if (!event.Records || event.Records.length === 0) {
        noProcessReason = "Event contains no Data";
        // not fatal - just got an empty event
        noProcessStatus = OK;
    } else {
        // there are records in this event
        var serviceName;
        if (event.Records[0].eventSource === KINESIS_SERVICE_NAME || event.Records[0].eventSource === DDB_SERVICE_NAME) {
            serviceName = event.Records[0].eventSource;
        } else {
            noProcessReason = "Invalid Event Source " + event.Records[0].eventSource;
        }

        // currently hard coded around the 1.0 kinesis event schema
        if (event.Records[0].kinesis && event.Records[0].kinesis.kinesisSchemaVersion !== "1.0") {
            noProcessReason = "Unsupported Kinesis Event Schema Version " + event.Records[0].kinesis.kinesisSchemaVersion;
        }
    }

    if (noProcessReason) {
        // terminate if there were any non process reasons
        finish(noProcessStatus, ERROR, noProcessReason);
    } else {
        init(function (err) {
            if (err) {
                finish(err, ERROR);
            } else {
                // parse the stream name out of the event
                var streamName = exports.getStreamName(event.Records[0].eventSourceARN);

                // create the processor to handle each record
                var processor = exports.processEvent.bind(undefined, event, serviceName, streamName, function (err) {
                    if (err) {
                        finish(err, ERROR, "Error Processing Records");
                    } else {
                        finish(undefined, OK);
                    }
                });

                if (deliveryStreamMapping.length === 0 || !deliveryStreamMapping[streamName]) {
                    // no delivery stream cached so far, so add this stream's
                    // tag
                    // value
                    // to the delivery map, and continue with processEvent
                    exports.buildDeliveryMap(streamName, serviceName, context, event, processor);
                } else {
                    // delivery stream is cached so just invoke the processor
                    processor();
                }
            }
        });
    }
}

exports.handler = handler;

/**
 * Function which resolves the destination delivery stream for a given Kinesis
