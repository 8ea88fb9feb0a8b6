// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// The sweep's figure: every value's timeline on one time axis beside the curve they make,
// growing as the values' runs end; exported with Export… (Ctrl+E) while shown.
Item {
    id: root
    property AppController controller
    property string theme: "light"
    readonly property real chartWidth: scroll.availableWidth

    Rectangle {
        anchors.fill: parent
        color: root.theme === "dark" ? "#161b22" : "#ffffff"
    }

    Flickable {
        id: scroll
        readonly property real availableWidth: width
        anchors.fill: parent
        anchors.bottomMargin: progressBar.visible ? progressBar.height : 0
        contentWidth: width
        contentHeight: figure.height
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { policy: figure.height > scroll.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
        SweepItem {
            id: figure
            objectName: "sweepFigure"
            width: scroll.width
            height: Math.max(preferredHeight, scroll.height)
            sweep: root.controller.sweep
            theme: root.theme
        }
    }

    Rectangle {
        id: progressBar
        visible: root.controller.sweep.active || root.controller.sweep.status !== ""
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: progressRow.implicitHeight + 10
        color: root.theme === "dark" ? "#1c2128" : "#f6f8fa"
        Rectangle { width: parent.width; height: 1; color: palette.mid }
        RowLayout {
            id: progressRow
            anchors.fill: parent
            anchors.margins: 5
            anchors.leftMargin: 10
            anchors.rightMargin: 10
            spacing: 10
            ProgressBar {
                visible: root.controller.sweep.active
                Layout.preferredWidth: 160
                value: root.controller.sweep.progress
            }
            Label {
                Layout.fillWidth: true
                text: root.controller.sweep.status
                elide: Text.ElideRight
                color: palette.placeholderText
            }
            Button {
                visible: root.controller.sweep.active
                text: qsTr("Stop")
                onClicked: root.controller.stop()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Stop the sweep: the values done stay in the figure (Esc)")
            }
        }
    }
}
